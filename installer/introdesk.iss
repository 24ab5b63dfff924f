; Inno Setup 6.3+ script for IntroDesk on Windows. installer/build.py runs it after PyInstaller:
;   iscc /DAppVersion=0.1.0 installer\introdesk.iss
; It packs dist\IntroDesk\ into dist\IntroDesk-<version>-oppsett.exe.
;
; Per-user install, no administrator rights: {localappdata}\Programs\IntroDesk.
; The user's data (database, backups, logs) lives in %LOCALAPPDATA%\IntroDesk, outside the install
; folder. The uninstaller removes only what it installed: there is deliberately no [UninstallDelete].

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z introdesk.iss (installer/build.py does this)
#endif

#define AppName "IntroDesk"
#define AppExe "IntroDesk.exe"

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
Source: "..\dist\IntroDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
