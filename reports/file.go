package reports

import (
	"os"
	"path/filepath"

	"taizhang/ledger"
)

// WriteFile writes data beside path and renames it into place, so a failed
// or cancelled run never leaves half a report where the old one was.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taizhang-*.tmp")
	if err != nil {
		return &ledger.Error{Msg: "无法写入 " + path + "：请检查文件夹是否存在、是否可写", Err: err}
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644) // as os.WriteFile would make it: others may read a report (CreateTemp makes 0600)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return &ledger.Error{Msg: "无法写入 " + path + "：" + ledger.Reason(err), Err: err}
	}
	return nil
}
