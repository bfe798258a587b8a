; The Windows installer of 意见台账 (NSIS 3, built on Linux by makensis).
;
; Installs for the current user without administrator rights, like a
; per-user program: %LOCALAPPDATA%\Programs\taizhang, a Start-menu entry, an
; optional desktop shortcut, the .taizhang file type (double-clicking a
; ledger opens it in 意见台账) and an entry in 设置 → 应用 to uninstall. Ledgers,
; their backups, the settings and the search index are the user's data and
; are left in place by the uninstaller.
;
; makensis -DVERSION=0.1.0 -DWINVERSION=0.1.0.0 -DSRC=out/dist -DICON=… -DOUTFILE=… taizhang.nsi

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64
ManifestDPIAware true
RequestExecutionLevel user

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define APPNAME "意见台账"
!define APPKEY "cn.gov.taizhang"
!define PROGID "cn.gov.taizhang.ledger"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\taizhang"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${WINVERSION}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "所含字体与程序库的许可证见安装目录中的 LICENSES.txt、OFL.txt"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将为当前用户安装 ${APPNAME} ${VERSION}，不需要管理员权限。$\r$\n$\r$\n安装后可从“开始”菜单打开，双击 .taizhang 台账文件也会用它打开。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\taizhang.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将卸载${APPNAME}。台账文件、备份、设置和检索索引是您的数据，会保留，不会删除。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "${APPNAME}（必需）" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRC}\taizhang.exe"
  File "${SRC}\LICENSES.txt"
  File "${SRC}\OFL.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\taizhang.exe" "" "$INSTDIR\taizhang.exe" 0

  ; The .taizhang file type, for this user (HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.taizhang" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.taizhang" "Content Type" "application/x-taizhang"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "意见台账文件"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\taizhang.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\taizhang.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\taizhang.exe" "FriendlyAppName" "${APPNAME}"
  WriteRegStr HKCU "Software\Classes\Applications\taizhang.exe\SupportedTypes" ".taizhang" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED

  ; 设置 → 应用 (Programs and Features).
  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\taizhang.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\taizhang.exe" "" "$INSTDIR\taizhang.exe" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "程序本身、“开始”菜单项、.taizhang 文件关联和卸载程序。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面放一个${APPNAME}的快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\taizhang.exe"
  Delete "$INSTDIR\LICENSES.txt"
  Delete "$INSTDIR\OFL.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ; The file type only if it is still ours (another program may have taken it).
  ReadRegStr $0 HKCU "Software\Classes\.taizhang" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.taizhang"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\taizhang.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"
SectionEnd
