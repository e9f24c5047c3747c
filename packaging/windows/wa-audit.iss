; Inno Setup 6 script for wa-audit: a per-user installer that needs no administrator rights.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\wa-audit.iss
;
; Input: the PyInstaller one-folder build in dist\wa-audit (build_installer.spec) and the icon
; rendered by packaging\make_icons.py into build\icons. Output:
; dist\wa-audit-<version>-windows-setup.exe. Installs into %LOCALAPPDATA%\Programs\wa-audit,
; adds a Start-menu entry (and, if ticked, a desktop icon) and registers an uninstaller under
; "Apps & features". Workspaces live in %APPDATA%\wa-audit and are kept on uninstall.
; Licences: the wizard shows wa-audit's own licence (MIT, ..\..\LICENSE) and, after installing, the
; third-party notices (Qt's LGPL-3.0 notice first); both files are also installed next to the
; program, with the licences as separate files in {app}\_internal\licenses. The compiler stops
; if the bundle has no notices (build_installer.spec collects them).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z wa-audit.iss
#endif
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\wa-audit"
#endif
#ifndef IconFile
  #define IconFile AddBackslash(SourcePath) + "..\..\build\icons\wa-audit.ico"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#ifndef LicenseFile
  #define LicenseFile AddBackslash(SourcePath) + "..\..\LICENSE"
#endif
#define Notices SourceDir + "\_internal\THIRD-PARTY-NOTICES.txt"
#if !FileExists(Notices)
  #error The bundle has no _internal\THIRD-PARTY-NOTICES.txt: rebuild it with build_installer.spec
#endif
#if !FileExists(SourceDir + "\_internal\licenses\components.json")
  #error The bundle has no _internal\licenses folder: rebuild it with build_installer.spec
#endif
#define AppName "wa-audit"
#define AppExe "wa-audit.exe"

[Setup]
; Never change AppId: Windows uses it to find the installed copy for updates and uninstall.
AppId={{2456EB8A-ABFF-43B5-B597-D0A0BE4449DE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=wa-audit
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt: {autopf} resolves to %LOCALAPPDATA%\Programs in this mode.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=wa-audit-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile={#LicenseFile}
InfoAfterFile={#Notices}
Uninstallable=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Offer to close a running wa-audit before its files are replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update must not leave libraries of the previous version next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The licences where a user looks for them, next to wa-audit.exe.
Source: "{#Notices}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#LicenseFile}"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may have left in its folder; user workspaces are not touched.
Type: filesandordirs; Name: "{app}\_internal"
