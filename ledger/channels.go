package ledger

import (
	"cmp"
	"slices"
)

// Channels are the eight channels of collecting opinions named by the 2014
// notice, in the order reports list them. Users may add others.
var Channels = []string{
	"实地走访", "座谈会", "个别约谈", "问卷调查",
	"网络征集", "意见箱", "专线电话", "信访来访",
}

// CompareChannels orders channels the way every list, choice and count
// shows them: the eight of Channels in their order, then any other by name.
// It returns -1, 0 or +1, for slices.SortFunc.
func CompareChannels(a, b string) int {
	ia, ib := slices.Index(Channels, a), slices.Index(Channels, b)
	if ia < 0 {
		ia = len(Channels)
	}
	if ib < 0 {
		ib = len(Channels)
	}
	if ia != ib {
		return cmp.Compare(ia, ib)
	}
	return cmp.Compare(a, b)
}

// SortedChannels returns the channels that m counts (a count above zero),
// in the order of CompareChannels.
func SortedChannels(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for c, n := range m {
		if n > 0 {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, CompareChannels)
	return out
}
