package ledger

import (
	"encoding/json"
	"os"
)

// Seed is a ledger written as JSON: the demo ledger, and fixtures for tests.
type Seed struct {
	Unit        string   `json:"unit"`
	Title       string   `json:"title"`
	PeriodStart string   `json:"period_start"`
	PeriodEnd   string   `json:"period_end"`
	Leaders     []Leader `json:"leaders"`
	Opinions    []struct {
		Channel string   `json:"channel"`
		Date    string   `json:"date"`
		Targets []string `json:"targets"`
		Text    string   `json:"text"`
	} `json:"opinions"`
}

// CreateFromSeed creates a new ledger at path from a Seed in JSON. On any
// error no file is left behind.
func CreateFromSeed(path string, seedJSON []byte, opts ...Options) (*Ledger, error) {
	var s Seed
	if err := json.Unmarshal(seedJSON, &s); err != nil {
		return nil, userErr(err, "示例数据无法读取（格式有误），未创建台账")
	}
	l, err := Create(path, Info{Unit: s.Unit, Title: s.Title, PeriodStart: s.PeriodStart, PeriodEnd: s.PeriodEnd}, opts...)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Ledger, error) {
		l.Close()
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return nil, err
	}
	for _, m := range s.Leaders {
		if _, err := l.AddLeader(m); err != nil {
			return fail(err)
		}
	}
	for _, so := range s.Opinions {
		o := Opinion{Text: so.Text, Channel: so.Channel, Date: so.Date, Submitter: Submitter{Anonymous: true}}
		for _, t := range so.Targets {
			id, err := l.ResolveTarget(t)
			if err != nil {
				return fail(err)
			}
			o.Targets = append(o.Targets, id)
		}
		if _, err := l.AddOpinion(o); err != nil {
			return fail(err)
		}
	}
	return l, nil
}
