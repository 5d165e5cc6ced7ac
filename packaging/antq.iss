; Inno Setup script of the ANTQ Ledger installer for Windows, compiled by build_installer.py:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\antq /DOutputDir=dist /DOutputBaseFilename=... /DIconFile=... antq.iss
; Installs the one-folder application for the current user (no administrator needed; an
; administrator may choose all users), with a Start-menu entry and an uninstaller. The data
; (%LOCALAPPDATA%\ANTQLedger: database, backups, settings) is never inside {app}: neither an
; upgrade nor the uninstaller touches it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\antq"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
#ifndef OutputBaseFilename
  #define OutputBaseFilename "antq-ledger-setup"
#endif
#ifndef IconFile
  #define IconFile "..\resources\icons\antq.ico"
#endif

[Setup]
; The same AppId in every version: a newer installer upgrades the installed one in place.
AppId={{5B0E7C2A-3F4D-4E8B-9A61-2C7D8E1F4A93}
AppName=ANTQ Ledger
AppVersion={#AppVersion}
AppVerName=ANTQ Ledger {#AppVersion}
AppPublisher=ANTQ Ledger
DefaultDirName={autopf}\ANTQ Ledger
DefaultGroupName=ANTQ Ledger
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputBaseFilename}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\antqw.exe
UninstallDisplayName=ANTQ Ledger
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Vietnamese is one of Inno Setup's unofficial translations: used when the build machine has it.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's libraries whole, so none of an older build's files linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ANTQ Ledger"; Filename: "{app}\antqw.exe"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,ANTQ Ledger}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ANTQ Ledger"; Filename: "{app}\antqw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\antqw.exe"; Description: "{cm:LaunchProgram,ANTQ Ledger}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only the files it installed, never the data.
