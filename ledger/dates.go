package ledger

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	reYMD   = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
	reMDY   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$`)
	reDigit = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reTime  = regexp.MustCompile(`^(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?(?:\.\d+)?$`)
)

// ParseDateTime reads the dates found in real exports and typed by people:
// 2019/2/28 11:25:05, 2017-06-08 17:31:20, 4/8/19 08:37 (month/day/year, as
// Excel writes it), 2019年2月28日, 2019.2.28, 20190228, and RFC 3339. It returns
// the date as YYYY-MM-DD and the time as HH:MM:SS (or "" when absent).
func ParseDateTime(s string) (date, clock string, ok bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u3000", " "))
	if s == "" {
		return "", "", false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2006-01-02"), t.Format("15:04:05"), true
	}
	s = strings.Replace(s, "T", " ", 1)
	datePart, timePart := s, ""
	if i := strings.IndexAny(s, " "); i > 0 {
		datePart, timePart = s[:i], strings.TrimSpace(s[i+1:])
	} else if i := strings.Index(s, "日"); i > 0 && i+len("日") < len(s) {
		datePart, timePart = s[:i+len("日")], strings.TrimSpace(s[i+len("日"):])
	}
	var y, m, d int
	if g := reYMD.FindStringSubmatch(datePart); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reMDY.FindStringSubmatch(datePart); g != nil {
		m, d, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
		if len(g[3]) == 2 {
			y += 2000
			if y > time.Now().Year()+1 {
				y -= 100
			}
		}
	} else if g := reDigit.FindStringSubmatch(datePart); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else {
		return "", "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1900 || y > 2200 {
		return "", "", false
	}
	date = t.Format("2006-01-02")
	if timePart != "" {
		g := reTime.FindStringSubmatch(timePart)
		if g == nil {
			return "", "", false
		}
		h, mi, se := atoi(g[1]), atoi(g[2]), atoi(g[3])
		if h > 23 || mi > 59 || se > 59 {
			return "", "", false
		}
		clock = fmt.Sprintf("%02d:%02d:%02d", h, mi, se)
	}
	return date, clock, true
}

// NormalizeDate returns s as YYYY-MM-DD. The empty string is valid and stays
// empty.
func NormalizeDate(s string) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", true
	}
	d, _, ok := ParseDateTime(s)
	return d, ok
}

// ExcelSerialDate converts an Excel serial day number (1900 date system, as
// .xls and some .xlsx cells store dates) to a date and time.
func ExcelSerialDate(serial float64) (date, clock string, ok bool) {
	if serial < 1 || serial > 2958465 {
		return "", "", false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	days := int(serial)
	secs := int((serial-float64(days))*86400 + 0.5)
	t := base.AddDate(0, 0, days).Add(time.Duration(secs) * time.Second)
	date = t.Format("2006-01-02")
	if secs > 0 {
		clock = t.Format("15:04:05")
	}
	return date, clock, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
