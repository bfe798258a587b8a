package ledger

import (
	"encoding/json"
	"strings"
)

// Privacy is decided here, once, for every output.
//
// Reading opinions from a *Ledger (Opinion, Opinions, EachOpinion, the
// change log through Changes and OnChange) gives the public view: the
// opinion without its submitter (name, unit, contact, the anonymous mark),
// without the attributes that identify a person (IsPersonalAttr: 来自IP,
// 联系电话, 留言用户 …), and with identifying details written inside the
// text masked (see maskText). That is what the window's lists, the commands'
// default output, the reports, the workbook and the search index get.
//
// The internal view, l.Internal(), is the one way to read opinions whole.
// It is for the copies a person explicitly asks for: the window's
// 显示提出人信息, `opinions --with-submitter`, a report or workbook made with
// --internal. Searching the code for ".Internal()" finds every such place.

// Internal is the internal view of a ledger: the same reads as the
// *Ledger's, keeping who raised each opinion and how to reach them. Get it
// with Ledger.Internal, only where a person asked for an internal copy.
type Internal struct{ l *Ledger }

// Internal returns the internal view of the ledger (see Internal).
func (l *Ledger) Internal() Internal { return Internal{l: l} }

// OpinionReader reads opinions through one view: a *Ledger reads the public
// view, an Internal the internal one. An output that offers both takes an
// OpinionReader and is given l or l.Internal().
type OpinionReader interface {
	Opinion(id int64) (Opinion, error)
	Opinions(f Filter) ([]Opinion, error)
	EachOpinion(f Filter, fn func(Opinion) error) error
}

var (
	_ OpinionReader = (*Ledger)(nil)
	_ OpinionReader = Internal{}
)

// Opinion returns one opinion, whole.
func (v Internal) Opinion(id int64) (Opinion, error) { return v.l.opinion(id, true) }

// Opinions returns the opinions the filter selects, whole, in id order.
func (v Internal) Opinions(f Filter) ([]Opinion, error) { return collect(f, v.EachOpinion) }

// EachOpinion calls fn for each opinion the filter selects, whole, in id
// order. An error from fn stops the walk.
func (v Internal) EachOpinion(f Filter, fn func(Opinion) error) error {
	return v.l.eachOpinion(f, true, fn)
}

// redact turns a stored opinion into its public view. The text is masked
// first, while the speaker label is still in the attributes.
func redact(o *Opinion) {
	o.Text = o.MaskedText()
	o.Submitter = Submitter{}
	o.Attrs = o.publicAttrs()
	o.Title = maskText(o.Title)
}

// maskText is where the public view masks identifying details written
// inside an opinion's text or title (phone numbers, ID card numbers,
// e-mail addresses; MaskIdentifying in identifying.go), the one place every
// output passes through: the lists, the board, the reports, the workbook
// and the index. An opinion's text also loses its speaker label
// (Opinion.MaskedText).
func maskText(s string) string { return MaskIdentifying(s) }

// personalAttrs are words that mark an attribute as identifying the person
// who spoke (an IP address, a phone number, a name): such attributes are
// protected like the submitter's name and contact.
var personalAttrs = []string{"ip", "IP", "Ip", "姓名", "名字", "填写者", "提交者", "联系", "电话", "手机", "邮箱", "email", "Email", "微信", "QQ", "qq", "身份证", "住址", "地址", "用户"}

// IsPersonalAttr reports whether an attribute with this name identifies
// the submitter (来自IP, 联系电话, 留言用户 …). The public view leaves such
// attributes out.
func IsPersonalAttr(name string) bool {
	for _, w := range personalAttrs {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// publicAttrs returns the attributes that do not identify the submitter:
// o.Attrs itself when none does, else a copy without them.
func (o *Opinion) publicAttrs() map[string]string {
	personal := false
	for k := range o.Attrs {
		if personal = IsPersonalAttr(k); personal {
			break
		}
	}
	if !personal {
		return o.Attrs
	}
	var out map[string]string
	for k, v := range o.Attrs {
		if IsPersonalAttr(k) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = v
	}
	return out
}

// publicChange returns c as the public view shows it: an opinion's state
// before or after the change is redacted like a read opinion. Other
// entities (problems, leaders, texts) carry nothing personal.
func publicChange(c Change) Change {
	if c.Entity != "opinion" {
		return c
	}
	c.Before, c.After = publicState(c.Before), publicState(c.After)
	return c
}

// publicState redacts one opinion state of the change log. States that are
// not a whole opinion (a target list, a problem id) are kept; one that
// cannot be read is dropped rather than shown.
func publicState(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || raw[0] != '{' {
		return raw
	}
	var o Opinion
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil
	}
	redact(&o)
	out, err := json.Marshal(o)
	if err != nil {
		return nil
	}
	return out
}
