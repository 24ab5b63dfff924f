; Inno Setup 6.3+ script for IntroDesk on Windows. installer/build.py runs it after PyInstaller:
;   iscc /DAppVersion=0.1.0 installer\introdesk.iss
; It packs dist\IntroDesk\ into dist\IntroDesk-<version>-oppsett.exe: IntroDesk.exe (windowed, the
; program with the shortcuts), introdesk-cli.exe (console, for the subcommands: a windowed exe prints
; nothing) and the _internal folder both share.
;
; Per-user install, no administrator rights: {localappdata}\Programs\IntroDesk.
; The user's data (database, backups, logs) lives in %LOCALAPPDATA%\IntroDesk, outside the install
; folder. The uninstaller removes only what it installed: there is deliberately no [UninstallDelete].

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z introdesk.iss (installer/build.py does this)
#endif

#define AppName "IntroDesk"
#define AppExe "IntroDesk.exe"
#define AppCliExe "introdesk-cli.exe"

; Both exes must be in the PyInstaller folder (a build from an older introdesk.spec has only one).
#ifnexist AddBackslash(SourcePath) + "..\dist\IntroDesk\" + AppCliExe
  #error dist\IntroDesk\introdesk-cli.exe is missing: build the folder with installer/build.py first
#endif

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{83BF217D-64BC-44BF-98AC-2AACAB19AC7A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=yes
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-oppsett
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\ikoner\introdesk.ico
UninstallDisplayName={#AppName}
; Ask to close a running IntroDesk before files are replaced.
CloseApplications=yes

[Languages]
Name: "norsk"; MessagesFile: "compiler:Languages\Norwegian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole runtime folder, so no file of an older version is left behind.
; Only the install folder: user data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole folder: IntroDesk.exe, introdesk-cli.exe and _internal. introdesk-cli.exe gets no shortcut
; and no PATH entry: it is run from a terminal by its full path,
; %LOCALAPPDATA%\Programs\IntroDesk\introdesk-cli.exe (see installer/README.md).
Source: "..\dist\IntroDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
