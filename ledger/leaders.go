package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Info returns the ledger's unit, title and period.
func (l *Ledger) Info() (Info, error) {
	var info Info
	rows, err := l.db.Query(`SELECT key, value FROM meta WHERE key IN ('unit','title','period_start','period_end')`)
	if err != nil {
		return info, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return info, err
		}
		switch k {
		case "unit":
			info.Unit = v
		case "title":
			info.Title = v
		case "period_start":
			info.PeriodStart = v
		case "period_end":
			info.PeriodEnd = v
		}
	}
	return info, rows.Err()
}

// SetInfo changes the ledger's unit, title and period.
func (l *Ledger) SetInfo(info Info) error {
	info.Unit, info.Title = TrimText(info.Unit), TrimText(info.Title)
	if info.Unit == "" {
		return userErr(nil, "请填写单位名称")
	}
	for _, d := range []string{info.PeriodStart, info.PeriodEnd} {
		if d != "" {
			if _, ok := NormalizeDate(d); !ok {
				return userErr(nil, "日期“%s”无法识别，请按 2026-11-26 的格式填写", d)
			}
		}
	}
	info.PeriodStart, _ = NormalizeDate(info.PeriodStart)
	info.PeriodEnd, _ = NormalizeDate(info.PeriodEnd)
	before, err := l.Info()
	if err != nil {
		return err
	}
	if before == info {
		return nil
	}
	return l.write(context.Background(), func(w *writer) error {
		for k, v := range map[string]string{"unit": info.Unit, "title": info.Title, "period_start": info.PeriodStart, "period_end": info.PeriodEnd} {
			if _, err := w.tx.Exec(`INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return w.log("info.set", "info", 0, before, info)
	})
}

// Leaders returns the team's members in display order.
func (l *Ledger) Leaders() ([]Leader, error) {
	rows, err := l.db.Query(`SELECT id, name, post, portfolio, position FROM leaders ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Leader
	for rows.Next() {
		var m Leader
		if err := rows.Scan(&m.ID, &m.Name, &m.Post, &m.Portfolio, &m.Position); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (m *Leader) clean() error {
	m.Name, m.Post, m.Portfolio = TrimText(m.Name), TrimText(m.Post), TrimText(m.Portfolio)
	if m.Name == "" {
		return userErr(nil, "请填写班子成员的姓名")
	}
	if IsTeamName(m.Name) {
		return userErr(nil, "“%s”是领导班子的名称，不能用作成员姓名", m.Name)
	}
	return nil
}

// AddLeader adds a member at the end of the team and returns its id.
func (l *Ledger) AddLeader(m Leader) (int64, error) {
	if err := m.clean(); err != nil {
		return 0, err
	}
	err := l.write(context.Background(), func(w *writer) error {
		var exists int
		w.tx.QueryRow(`SELECT COUNT(*) FROM leaders WHERE name = ?`, m.Name).Scan(&exists)
		if exists > 0 {
			return userErr(nil, "班子成员“%s”已存在。同名成员请加以区分（例如 张伟（副书记））", m.Name)
		}
		if err := w.tx.QueryRow(`SELECT COALESCE(MAX(position) + 1, 0) FROM leaders`).Scan(&m.Position); err != nil {
			return err
		}
		res, err := w.tx.Exec(`INSERT INTO leaders(name, post, portfolio, position) VALUES(?,?,?,?)`, m.Name, m.Post, m.Portfolio, m.Position)
		if err != nil {
			return err
		}
		m.ID, _ = res.LastInsertId()
		return w.log("leader.add", "leader", m.ID, nil, m)
	})
	return m.ID, err
}

// UpdateLeader changes a member's name, post and portfolio.
func (l *Ledger) UpdateLeader(m Leader) error {
	if err := m.clean(); err != nil {
		return err
	}
	return l.write(context.Background(), func(w *writer) error {
		before, err := leaderTx(w.tx, m.ID)
		if err != nil {
			return err
		}
		var dup int
		w.tx.QueryRow(`SELECT COUNT(*) FROM leaders WHERE name = ? AND id <> ?`, m.Name, m.ID).Scan(&dup)
		if dup > 0 {
			return userErr(nil, "班子成员“%s”已存在", m.Name)
		}
		m.Position = before.Position
		if _, err := w.tx.Exec(`UPDATE leaders SET name=?, post=?, portfolio=? WHERE id=?`, m.Name, m.Post, m.Portfolio, m.ID); err != nil {
			return err
		}
		return w.log("leader.update", "leader", m.ID, before, m)
	})
}

// MoveLeader moves a member to position pos (0 first) in the display order.
func (l *Ledger) MoveLeader(id int64, pos int) error {
	return l.write(context.Background(), func(w *writer) error {
		before, err := leaderTx(w.tx, id)
		if err != nil {
			return err
		}
		ids, err := queryIDs(w.tx, `SELECT id FROM leaders WHERE id <> ? ORDER BY position, id`, id)
		if err != nil {
			return err
		}
		pos = max(0, min(pos, len(ids)))
		ids = append(ids[:pos], append([]int64{id}, ids[pos:]...)...)
		for i, x := range ids {
			if _, err := w.tx.Exec(`UPDATE leaders SET position=? WHERE id=?`, i, x); err != nil {
				return err
			}
		}
		after := before
		after.Position = pos
		return w.log("leader.move", "leader", id, before, after)
	})
}

// RemoveLeader removes a member. Opinions and problems that targeted only
// this member are left without a target, never deleted.
func (l *Ledger) RemoveLeader(id int64) error {
	return l.write(context.Background(), func(w *writer) error {
		before, err := leaderTx(w.tx, id)
		if err != nil {
			return err
		}
		tag := "%," + strconv.FormatInt(id, 10) + ",%"
		for _, table := range []string{"opinions", "problems"} {
			q := fmt.Sprintf(`UPDATE %s SET targets = CASE WHEN REPLACE(targets, ?, ',') = ',' THEN '' ELSE REPLACE(targets, ?, ',') END WHERE targets LIKE ?`, table)
			mid := "," + strconv.FormatInt(id, 10) + ","
			if _, err := w.tx.Exec(q, mid, mid, tag); err != nil {
				return err
			}
		}
		if _, err := w.tx.Exec(`DELETE FROM leaders WHERE id=?`, id); err != nil {
			return err
		}
		return w.log("leader.remove", "leader", id, before, nil)
	})
}

func leaderTx(tx *sql.Tx, id int64) (Leader, error) {
	var m Leader
	err := tx.QueryRow(`SELECT id, name, post, portfolio, position FROM leaders WHERE id=?`, id).Scan(&m.ID, &m.Name, &m.Post, &m.Portfolio, &m.Position)
	if errors.Is(err, sql.ErrNoRows) {
		return m, userErr(ErrNotFound, "找不到编号为 %d 的班子成员", id)
	}
	return m, err
}

// TeamAliases are the words that name the leadership team as a whole
// wherever a target is typed or imported, TeamName first.
var TeamAliases = []string{TeamName, "班子", "领导班子整体", "班子整体", "全体班子"}

// IsTeamName reports whether s (trimmed) names the leadership team: one of
// TeamAliases. It is the one rule for every front end: typed targets
// (ResolveTarget: the window, the commands) and imported target cells.
func IsTeamName(s string) bool {
	return slices.Contains(TeamAliases, TrimText(s))
}

// ResolveTarget turns a typed target into a target id: a member's name, or
// one of TeamAliases (领导班子, 班子 …) for the team.
func (l *Ledger) ResolveTarget(name string) (int64, error) {
	name = TrimText(name)
	if IsTeamName(name) {
		return TeamID, nil
	}
	var id int64
	err := l.db.QueryRow(`SELECT id FROM leaders WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		ms, _ := l.Leaders()
		names := []string{TeamName}
		for _, m := range ms {
			names = append(names, m.Name)
		}
		return 0, userErr(ErrNotFound, "没有名为“%s”的班子成员。可用的对象：%s（先用 leader add 添加成员）", name, strings.Join(names, "、"))
	}
	return id, err
}

// TargetNames maps target ids to names (TeamID to 领导班子).
func (l *Ledger) TargetNames() (map[int64]string, error) {
	ms, err := l.Leaders()
	if err != nil {
		return nil, err
	}
	names := map[int64]string{TeamID: TeamName}
	for _, m := range ms {
		names[m.ID] = m.Name
	}
	return names, nil
}

// encodeTargets stores targets as ",0,3," so a target is found with LIKE.
func encodeTargets(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	var b strings.Builder
	seen := map[int64]bool{}
	b.WriteByte(',')
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte(',')
	}
	return b.String()
}

func decodeTargets(s string) []int64 {
	if s == "" {
		return nil
	}
	var out []int64
	for _, f := range strings.Split(strings.Trim(s, ","), ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
