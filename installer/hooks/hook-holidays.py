"""PyInstaller hook for `holidays`; it runs only if the app imports holidays.

holidays loads each country module by name at run time (holidays.registry), reads its own version
from the package metadata, and translates holiday names with .mo files in holidays/locale.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

hiddenimports = collect_submodules("holidays.countries") + collect_submodules("holidays.financial")
datas = collect_data_files("holidays") + copy_metadata("holidays")
