package suggest

import "strings"

// namesPlace reports whether a text names a particular place or thing (A3区,
// 丽发新城小区, 205路, 18栋, 星沙街道): such a text is about a case, and
// joins a proposed group by the words it shares with others (the place's
// name among them), not by its concept alone. A complaint about a kind of
// conduct (会议太多, 公车私用) names none.
func namesPlace(rs []rune) bool {
	for i, r := range rs {
		switch {
		case r >= 'a' && r <= 'z' && i+1 < len(rs):
			// A市, A3区, K3县: the anonymised places of the real messages.
			j := i + 1
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			if j < len(rs) && strings.ContainsRune("市县区镇村", rs[j]) && (i == 0 || !isWordRune(rs[i-1])) {
				return true
			}
		case r >= '0' && r <= '9' && i+1 < len(rs) && strings.ContainsRune("栋号路幢", rs[i+1]):
			return true
		}
	}
	s := string(rs)
	for _, suf := range placeSuffixes {
		for at := 0; ; {
			k := strings.Index(s[at:], suf)
			if k < 0 {
				break
			}
			k += at
			at = k + len(suf)
			before := []rune(s[:k])
			if len(before) < 2 || !isHan(before[len(before)-1]) || !isHan(before[len(before)-2]) {
				continue
			}
			name := string(before[len(before)-2:])
			if !genericPlaceWords[name] {
				return true
			}
		}
	}
	return false
}

// placeSuffixes end the names of places and institutions.
var placeSuffixes = []string{"小区", "花园", "新城", "家园", "公寓", "大厦", "广场", "街道", "社区", "中学", "小学", "幼儿园", "医院", "大道", "公园", "号线", "楼盘", "商场"}

// genericPlaceWords stand before a place suffix without naming a place
// (我们小区, 城乡, 这个小区).
var genericPlaceWords = map[string]bool{
	"我们": true, "这个": true, "那个": true, "本地": true, "周边": true, "附近": true, "老旧": true, "开放": true, "城区": true,
	"一些": true, "有的": true, "很多": true, "所在": true, "整个": true, "各个": true, "城市": true, "村里": true, "农村": true,
	"城乡": true, "乡村": true, "各乡": true, "全县": true, "乡镇": true, "城镇": true, "新型": true, "重点": true, "全镇": true,
	"公办": true, "民办": true, "普惠": true, "配套": true, "私立": true, "公立": true, "县级": true, "市级": true, "基层": true,
	"城里": true, "偏远": true, "困难": true, "各地": true, "住宅": true, "商品": true, "居民": true, "安置": true, "这些": true,
}
