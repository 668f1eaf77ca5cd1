; Inno Setup script: wraps dist\PropDesk (built by build_installer.spec) into
; PropDesk-Setup-<version>.exe.  Per-user data (the local SQLite database)
; lives in %LOCALAPPDATA%\PropDesk and is never touched by install/uninstall.

#define AppName "PropDesk 物业管理"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1D3C2A-5B7E-4E0B-9C51-7A2D2F8E4B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=PropDesk
DefaultDirName={autopf}\PropDesk
DefaultGroupName=PropDesk
OutputBaseFilename=PropDesk-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\PropDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\PropDesk 物业管理"; Filename: "{app}\PropDesk.exe"
Name: "{autodesktop}\PropDesk 物业管理"; Filename: "{app}\PropDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\propdesk.exe"; Parameters: "db upgrade"; Flags: runhidden; StatusMsg: "升级数据库 (upgrading the database)…"
Filename: "{app}\PropDesk.exe"; Description: "{cm:LaunchProgram,PropDesk}"; Flags: nowait postinstall skipifsilent
