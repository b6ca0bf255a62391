package comments

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
)

// AvatarKey returns the key of a commenter's avatar: the first 32 hex
// digits of HMAC-SHA256(secret, the email trimmed and in lower case). The
// same person gets the same picture on every comment, yet the key, which
// the public page carries, reveals nothing: unlike Gravatar's plain MD5 of
// the email, it cannot be checked against a list of addresses without the
// site's secret. AvatarKey panics on an empty secret, which would undo that.
func AvatarKey(secret []byte, email string) string {
	if len(secret) == 0 {
		panic("comments: AvatarKey with an empty secret")
	}
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(strings.ToLower(strings.TrimSpace(email))))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Identicon returns a 48×48 SVG picture drawn from key: a 5×5 grid,
// mirrored left to right like a face, in one colour on a pale ground. The
// same key always gives the same picture. Any string is a valid key; it is
// hashed first, so similar keys still look different.
//
// The SVG uses fill attributes only, never style (the site's Content
// Security Policy forbids inline styles), and has no script, link or
// external reference, so it is safe to serve as an image or inline.
func Identicon(key string) []byte {
	sum := sha256.Sum256([]byte(key))

	// Hue from two bytes; saturation and lightness in a band that reads
	// well on the pale ground and on dark mode's page.
	hue := float64(uint16(sum[0])<<8|uint16(sum[1])) / 65536 * 360
	sat := 0.45 + float64(sum[2])/255*0.2
	light := 0.40 + float64(sum[3])/255*0.15
	r, g, b := hslToRGB(hue, sat, light)

	var d strings.Builder
	bits := sum[4:] // one bit per cell of the left three columns
	for row := 0; row < 5; row++ {
		for col := 0; col < 3; col++ {
			n := row*3 + col
			if bits[n/8]>>(n%8)&1 == 0 {
				continue
			}
			fmt.Fprintf(&d, "M%d %dh1v1h-1z", col, row)
			if col != 2 {
				fmt.Fprintf(&d, "M%d %dh1v1h-1z", 4-col, row)
			}
		}
	}

	var svg strings.Builder
	svg.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="-0.5 -0.5 6 6" shape-rendering="crispEdges">`)
	svg.WriteString(`<rect x="-0.5" y="-0.5" width="6" height="6" fill="#f0f0f0"/>`)
	if d.Len() > 0 {
		fmt.Fprintf(&svg, `<path fill="#%02x%02x%02x" d="%s"/>`, r, g, b, d.String())
	}
	svg.WriteString(`</svg>`)
	return []byte(svg.String())
}

// hslToRGB converts a colour from hue (degrees), saturation and lightness
// (0–1) to 8-bit red, green and blue.
func hslToRGB(h, s, l float64) (r, g, b uint8) {
	c := (1 - math.Abs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - math.Abs(math.Mod(hp, 2)-1))
	var r1, g1, b1 float64
	switch {
	case hp < 1:
		r1, g1 = c, x
	case hp < 2:
		r1, g1 = x, c
	case hp < 3:
		g1, b1 = c, x
	case hp < 4:
		g1, b1 = x, c
	case hp < 5:
		r1, b1 = x, c
	default:
		r1, b1 = c, x
	}
	m := l - c/2
	to8 := func(v float64) uint8 { return uint8((v+m)*255 + 0.5) }
	return to8(r1), to8(g1), to8(b1)
}
