package demo

import (
	"errors"
	"hash/fnv"
	"image"
	"image/jpeg"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Size of every demo picture: 16:9, wide enough for a lead image on a
// large screen.
const (
	ImageWidth  = 1200
	ImageHeight = 675
)

// jpegQuality keeps the files small (about 40–80 KB) without visible
// blocking in the smooth gradients.
const jpegQuality = 82

// rgb is a colour with float channels in [0, 1], so layers can be mixed
// without clamping at every step.
type rgb struct{ r, g, b float64 }

func (c rgb) mix(d rgb, t float64) rgb {
	return rgb{c.r + (d.r-c.r)*t, c.g + (d.g-c.g)*t, c.b + (d.b-c.b)*t}
}

// hsl returns the colour for hue h in degrees and saturation s and
// lightness l in [0, 1]. Palettes are chosen in HSL because "the same hue,
// darker" is what makes layered hills look like one picture.
func hsl(h, s, l float64) rgb {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	return rgb{r + m, g + m, b + m}
}

// canvas paints straight into the *image.RGBA that jpeg.Encode reads, so
// no second buffer or conversion is needed.
type canvas struct{ *image.RGBA }

func (c canvas) set(x, y int, col rgb) {
	i := y*c.Stride + x*4
	c.Pix[i] = to8(col.r)
	c.Pix[i+1] = to8(col.g)
	c.Pix[i+2] = to8(col.b)
	c.Pix[i+3] = 0xff
}

// blend paints col over the pixel at (x, y) with opacity a.
func (c canvas) blend(x, y int, col rgb, a float64) {
	i := y*c.Stride + x*4
	p := c.Pix[i : i+3 : i+3]
	p[0] = to8(float64(p[0])/255*(1-a) + col.r*a)
	p[1] = to8(float64(p[1])/255*(1-a) + col.g*a)
	p[2] = to8(float64(p[2])/255*(1-a) + col.b*a)
}

func to8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 1:
		return 255
	}
	return uint8(v*255 + 0.5)
}

// seedOf turns an image name into the seed of its picture, so the same
// name always gives the same picture.
func seedOf(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// illustration paints a deterministic abstract editorial picture: a sky
// gradient, a sun or moon with a glow, layered hills or waves, and a few
// translucent shapes. hue (degrees) sets the palette, so each section has
// its own colour; seed varies everything else.
func illustration(seed uint64, hue float64) *image.RGBA {
	rnd := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w, h := ImageWidth, ImageHeight
	c := canvas{image.NewRGBA(image.Rect(0, 0, w, h))}

	hue += rnd.Float64()*30 - 15
	night := rnd.IntN(4) == 0
	waves := rnd.IntN(2) == 0

	// Sky: from the top colour down to a paler horizon.
	top, horizonCol := hsl(hue+10, 0.55, 0.78), hsl(hue+40, 0.70, 0.90)
	if night {
		// Night skies stay blue whatever the desk; the section's hue only
		// tints the glow at the horizon.
		top, horizonCol = hsl(228, 0.50, 0.13), hsl(hue, 0.35, 0.36)
	}
	horizon := int(float64(h) * (0.50 + rnd.Float64()*0.15))
	for y := 0; y < h; y++ {
		t := math.Min(float64(y)/float64(horizon), 1)
		c.set(0, y, top.mix(horizonCol, t*t))
		// The row is one colour: copy the first pixel along it, doubling.
		row := c.Pix[y*c.Stride : y*c.Stride+w*4]
		for n := 4; n < len(row); n *= 2 {
			copy(row[n:], row[:n])
		}
	}

	// Sun or moon, with a soft glow. Only its bounding box is visited.
	sunX := w/5 + rnd.IntN(w*3/5)
	sunY := horizon/4 + rnd.IntN(horizon/3)
	radius := 45 + rnd.Float64()*60
	// A sun is warm whatever the palette (a green sun looks wrong), with
	// a quarter of the section's hue mixed in so it belongs to the sky.
	sunCol := hsl(30+rnd.Float64()*20, 0.90, 0.66).mix(hsl(hue, 0.80, 0.70), 0.25)
	if night {
		sunCol = hsl(50, 0.30, 0.92)
	}
	glow := radius * 3
	for y := max(0, sunY-int(glow)); y < min(h, sunY+int(glow)); y++ {
		for x := max(0, sunX-int(glow)); x < min(w, sunX+int(glow)); x++ {
			dx, dy := float64(x-sunX), float64(y-sunY)
			d := math.Sqrt(dx*dx + dy*dy)
			switch {
			case d <= radius-1:
				c.set(x, y, sunCol)
			case d <= radius:
				c.blend(x, y, sunCol, radius-d) // anti-aliased rim
			case d < glow:
				f := 1 - (d-radius)/(glow-radius)
				c.blend(x, y, sunCol, 0.35*f*f)
			}
		}
	}

	// Translucent geometric shapes behind the land: rings and bars in the
	// complementary colour give the picture an editorial, poster look.
	accent := hsl(hue+180, 0.55, 0.60)
	for range 1 + rnd.IntN(2) {
		cx, cy := rnd.IntN(w), rnd.IntN(horizon)
		r0 := 60 + rnd.Float64()*160
		r1 := r0 + 6 + rnd.Float64()*10
		for y := max(0, cy-int(r1)-1); y < min(h, cy+int(r1)+1); y++ {
			for x := max(0, cx-int(r1)-1); x < min(w, cx+int(r1)+1); x++ {
				dx, dy := float64(x-cx), float64(y-cy)
				if d2 := dx*dx + dy*dy; d2 >= r0*r0 && d2 <= r1*r1 {
					c.blend(x, y, accent, 0.30)
				}
			}
		}
	}
	for range rnd.IntN(3) {
		bx, by := rnd.IntN(w), rnd.IntN(horizon)
		bw, bh := 120+rnd.IntN(300), 8+rnd.IntN(18)
		for y := by; y < min(h, by+bh); y++ {
			for x := bx; x < min(w, bx+bw); x++ {
				c.blend(x, y, accent, 0.22)
			}
		}
	}

	// Land or sea in layers, from hazy far ones to a dark near one. Each
	// ridge is a sum of sines with random frequencies and phases.
	layers := 3 + rnd.IntN(2)
	ridge := make([]int, w)
	for l := range layers {
		depth := float64(l+1) / float64(layers) // 0 far … 1 near
		base := float64(horizon) + depth*float64(h-horizon)*0.55
		amp := (70 - 40*depth) * (0.6 + rnd.Float64()*0.8)
		f1, f2, f3 := 1+rnd.Float64()*2, 3+rnd.Float64()*4, 9+rnd.Float64()*8
		if waves {
			amp *= 0.35
			f1, f2, f3 = f1*3, f2*3, f3*2
		}
		p1, p2, p3 := rnd.Float64()*2*math.Pi, rnd.Float64()*2*math.Pi, rnd.Float64()*2*math.Pi
		for x := range w {
			u := float64(x) / float64(w) * 2 * math.Pi
			y := int(base - amp*(0.6*math.Sin(f1*u+p1)+0.3*math.Sin(f2*u+p2)+0.1*math.Sin(f3*u+p3)))
			ridge[x] = min(max(y, 0), h)
		}
		landHue := hue + 20*depth
		if waves {
			landHue = hue + 170 + 15*depth
		}
		far := hsl(landHue, 0.35, 0.62).mix(horizonCol, 0.35)
		near := hsl(landHue, 0.45, 0.18)
		if night {
			far, near = hsl(landHue, 0.20, 0.28), hsl(228, 0.30, 0.07)
		}
		// Each layer darkens slightly downwards, so it has volume. The
		// shade depends only on the distance below the ridge, so it is
		// computed once per layer rather than once per pixel.
		col := far.mix(near, depth)
		shade := make([][3]uint8, h+1)
		for d := range shade {
			m := col.mix(near, 0.25*float64(d)/float64(h))
			shade[d] = [3]uint8{to8(m.r), to8(m.g), to8(m.b)}
		}
		for x := range w {
			for y := max(0, ridge[x]); y < h; y++ {
				i := y*c.Stride + x*4
				copy(c.Pix[i:i+3], shade[y-ridge[x]][:])
			}
		}
	}

	// A little grain breaks up the banding that JPEG makes of smooth
	// gradients. A cheap xorshift keeps it fast and deterministic.
	state := uint32(seed) | 1
	for i := 0; i < len(c.Pix); i += 4 {
		state ^= state << 13
		state ^= state >> 17
		state ^= state << 5
		n := int(state%7) - 3
		for k := range 3 {
			v := int(c.Pix[i+k]) + n
			c.Pix[i+k] = uint8(min(255, max(0, v)))
		}
	}
	return c.RGBA
}

// writeImage writes the picture for name (a path under the media folder
// such as "demo/banjir-demak.jpg") unless the file already exists, so a
// second Seed, or an editor's replacement picture, is left alone.
func writeImage(mediaDir, name string, hue float64) error {
	path := filepath.Join(mediaDir, filepath.FromSlash(name))
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// Write to a temporary file and rename, so an interrupted run never
	// leaves a truncated picture that the existence check would keep.
	f, err := os.CreateTemp(filepath.Dir(path), ".demo-*.jpg")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	if err := jpeg.Encode(f, illustration(seedOf(name), hue), &jpeg.Options{Quality: jpegQuality}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
