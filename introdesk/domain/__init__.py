"""The programme's rules as pure Python: no Qt, no SQL, no file I/O."""
