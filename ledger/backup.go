package ledger

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// KeepBackups is how many rolling backups are kept per ledger.
const KeepBackups = 10

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path   string    `json:"path"`
	Reason string    `json:"reason"` // 导入前, 升级前, 每日, 恢复前, 手动
	Time   time.Time `json:"time"`
	Size   int64     `json:"size"`
}

// BackupDir returns the folder where this ledger's backups go: by default
// "<name>.备份" beside the ledger file.
func (l *Ledger) BackupDir() string {
	if l.opts.BackupDir != "" {
		return l.opts.BackupDir
	}
	base := strings.TrimSuffix(filepath.Base(l.path), filepath.Ext(l.path))
	return filepath.Join(filepath.Dir(l.path), base+".备份")
}

// Backup writes a consistent copy of the ledger (VACUUM INTO) into the
// backup folder and keeps only the newest KeepBackups copies.
func (l *Ledger) Backup(reason string) (BackupInfo, error) {
	dir := l.BackupDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return BackupInfo{}, userErr(err, "无法创建备份文件夹 %s：%s", dir, osReason(err))
	}
	now := l.now()
	base := strings.TrimSuffix(filepath.Base(l.path), filepath.Ext(l.path))
	name := fmt.Sprintf("%s-%s-%03d-%s%s", base, now.Format("20060102-150405"), now.Nanosecond()/1e6, reason, Extension)
	path := filepath.Join(dir, name)
	tmp := path + ".tmp"
	os.Remove(tmp)
	l.mu.Lock()
	_, err := l.db.Exec(`VACUUM INTO ?`, tmp)
	l.mu.Unlock()
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return BackupInfo{}, userErr(err, "备份台账失败（%s），未作任何改动：%s", dir, osReason(err))
	}
	st, _ := os.Stat(path)
	info := BackupInfo{Path: path, Reason: reason, Time: now}
	if st != nil {
		info.Size = st.Size()
	}
	l.pruneBackups()
	return info, nil
}

// Backups lists this ledger's backups, newest first.
func (l *Ledger) Backups() ([]BackupInfo, error) {
	entries, err := os.ReadDir(l.BackupDir())
	if os.IsNotExist(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, Extension) {
			continue
		}
		stem := strings.TrimSuffix(name, Extension)
		parts := strings.Split(stem, "-")
		if len(parts) < 5 {
			continue
		}
		n := len(parts)
		reason := parts[n-1]
		t, err := time.ParseInLocation("20060102-150405", parts[n-4]+"-"+parts[n-3], time.Local)
		ms, err2 := strconv.Atoi(parts[n-2])
		if err != nil || err2 != nil {
			continue
		}
		t = t.Add(time.Duration(ms) * time.Millisecond)
		st, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(l.BackupDir(), name), Reason: reason, Time: t, Size: st.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	return out, nil
}

func (l *Ledger) pruneBackups() {
	bs, err := l.Backups()
	if err != nil {
		return
	}
	for i := KeepBackups; i < len(bs); i++ {
		os.Remove(bs[i].Path)
	}
}

// dailyBackup makes a backup if none was made today.
func (l *Ledger) dailyBackup() {
	bs, _ := l.Backups()
	today := l.now().Format("2006-01-02")
	for _, b := range bs {
		if b.Time.Format("2006-01-02") == today {
			return
		}
	}
	l.Backup("每日")
}

// Restore replaces the ledger at path with the backup file, after backing
// up the current state (reason 恢复前). The ledger must be closed first; it
// returns the reopened ledger.
func Restore(path, backup string, opts ...Options) (*Ledger, error) {
	if _, err := inspect(backup); err != nil {
		return nil, err
	}
	// Copy the backup beside the ledger first: making the 恢复前 backup may
	// prune the very file being restored.
	data, err := os.ReadFile(backup)
	if err != nil {
		return nil, userErr(err, "无法读取备份 %s：%s", filepath.Base(backup), osReason(err))
	}
	tmp := path + ".restore.tmp"
	if err := writeSynced(tmp, data); err != nil {
		os.Remove(tmp)
		return nil, userErr(err, "恢复失败：%s", osReason(err))
	}
	cur, err := Open(path, append(opts, Options{})[0])
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if _, err := cur.Backup("恢复前"); err != nil {
		cur.Close()
		os.Remove(tmp)
		return nil, err
	}
	// Closing the last connection checkpoints the WAL into the file, so the
	// file can then be replaced whole.
	cur.Close()
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, userErr(err, "恢复失败：%s", osReason(err))
	}
	return Open(path, append(opts, Options{})[0])
}

func writeSynced(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
