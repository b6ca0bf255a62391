package wxr

import (
	"errors"
	"strconv"
	"strings"
)

// unserialize reads the PHP serialize() format that WordPress stores some
// post meta in (_wp_attachment_metadata, for one). It understands what
// such meta holds: arrays (returned as map[string]any with the keys as
// strings), strings, integers, floats, booleans and null. Objects and
// references are refused: WordPress does not write them there, and an
// export is not trusted input.
func unserialize(s string) (any, error) {
	p := &phpParser{s: s}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	return v, nil
}

type phpParser struct {
	s   string
	pos int
}

var errPHP = errors.New("not PHP serialised data")

// maxPHPDepth bounds nesting, so a hostile value cannot exhaust the stack.
const maxPHPDepth = 32

func (p *phpParser) value(depth int) (any, error) {
	if depth > maxPHPDepth || p.pos+1 >= len(p.s) {
		return nil, errPHP
	}
	kind := p.s[p.pos]
	if kind == 'N' {
		if p.s[p.pos+1] != ';' {
			return nil, errPHP
		}
		p.pos += 2
		return nil, nil
	}
	if p.s[p.pos+1] != ':' {
		return nil, errPHP
	}
	p.pos += 2
	switch kind {
	case 'i':
		t, err := p.until(';')
		if err != nil {
			return nil, err
		}
		return strconv.ParseInt(t, 10, 64)
	case 'd':
		t, err := p.until(';')
		if err != nil {
			return nil, err
		}
		return strconv.ParseFloat(t, 64)
	case 'b':
		t, err := p.until(';')
		if err != nil {
			return nil, err
		}
		return t == "1", nil
	case 's':
		t, err := p.until(':')
		if err != nil {
			return nil, err
		}
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 || p.pos >= len(p.s) || p.s[p.pos] != '"' {
			return nil, errPHP
		}
		// The length counts bytes. Exports that went through a change of
		// character set have wrong lengths; then the string ends at the
		// first `";` instead, which is how such meta is usually repaired.
		if p.pos+n+2 > len(p.s) || p.s[p.pos+1+n] != '"' || p.pos+n+2 < len(p.s) && p.s[p.pos+n+2] != ';' {
			end := strings.Index(p.s[p.pos+1:], `";`)
			if end < 0 {
				return nil, errPHP
			}
			n = end
		}
		v := p.s[p.pos+1 : p.pos+1+n]
		p.pos += n + 2
		if p.pos < len(p.s) && p.s[p.pos] == ';' {
			p.pos++
			return v, nil
		}
		return nil, errPHP
	case 'a':
		t, err := p.until(':')
		if err != nil {
			return nil, err
		}
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 || n > len(p.s) || p.pos >= len(p.s) || p.s[p.pos] != '{' {
			return nil, errPHP
		}
		p.pos++
		m := make(map[string]any, n)
		for range n {
			k, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			var key string
			switch k := k.(type) {
			case int64:
				key = strconv.FormatInt(k, 10)
			case string:
				key = k
			default:
				return nil, errPHP
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			m[key] = v
		}
		if p.pos >= len(p.s) || p.s[p.pos] != '}' {
			return nil, errPHP
		}
		p.pos++
		return m, nil
	}
	return nil, errPHP
}

// until returns the text up to sep and moves past sep.
func (p *phpParser) until(sep byte) (string, error) {
	for i := p.pos; i < len(p.s); i++ {
		if p.s[i] == sep {
			t := p.s[p.pos:i]
			p.pos = i + 1
			return t, nil
		}
	}
	return "", errPHP
}

// phpString returns m[key] as a string when it is one (or a number).
func phpString(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return ""
}

// phpMap returns m[key] when it is an array.
func phpMap(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}
