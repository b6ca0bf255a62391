package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path"
	"slices"
	"strconv"

	xdraw "golang.org/x/image/draw"

	"warta"
)

// JPEGQuality is the quality of resized JPEG copies: small files with no
// artefacts a reader would notice at these sizes.
const JPEGQuality = 82

// decodeFull decodes data completely and checks it matches the header
// that DecodeConfig read. For a GIF it returns the first frame drawn on
// the logical screen, which is what the copies show.
func decodeFull(mime string, data []byte, cfg image.Config) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	screen := image.Rect(0, 0, cfg.Width, cfg.Height)
	b := img.Bounds()
	if mime == MIMEGIF && b != screen {
		if !b.In(screen) {
			return nil, fmt.Errorf("gif: frame %v outside the screen %v", b, screen)
		}
		canvas := image.NewNRGBA(screen) // transparent where the frame is not
		draw.Draw(canvas, b, img, b.Min, draw.Src)
		return canvas, nil
	}
	if b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, fmt.Errorf("decoded size %dx%d differs from header %dx%d", b.Dx(), b.Dy(), cfg.Width, cfg.Height)
	}
	return img, nil
}

// variantFormat returns the extension of the copies of an image: JPEG for
// JPEG and for opaque WebP (x/image has no WebP encoder), PNG otherwise,
// so that transparency survives.
func variantFormat(mime string, img image.Image) string {
	switch mime {
	case MIMEJPEG:
		return ".jpg"
	case MIMEWebP:
		if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
			return ".jpg"
		}
	}
	return ".png"
}

// makeVariants writes a copy of img for every width in Widths less than
// the original's and records them in m.Variants, narrowest first. Copies
// already on disk (the same hash is the same image) are not made again.
//
// A large photo is first halved by averaging while it stays at least
// twice as wide as the widest copy: CatmullRom on all 12 megapixels of a
// phone photo costs several times more and looks the same. The widest
// copy is then made on a second goroutine (servers have at least two
// cores), while the others are made one from the next: a step of at most
// about 2× looks the same as scaling from the original and costs far less.
func makeVariants(ctx context.Context, m *warta.Media, img image.Image, store Storage) error {
	ext := variantFormat(m.MIME, img)
	m.Variants = nil
	var todo []int // indexes in m.Variants of the copies to make
	for _, w := range Widths {
		if w >= m.Width {
			continue
		}
		v := warta.ImageVariant{
			Path:   path.Join("lib", m.Hash[:2], m.Hash+"-"+strconv.Itoa(w)+ext),
			Width:  w,
			Height: scaledHeight(m.Width, m.Height, w),
		}
		m.Variants = append(m.Variants, v)
	}
	slices.SortFunc(m.Variants, func(a, b warta.ImageVariant) int { return a.Width - b.Width })
	for k, v := range m.Variants {
		if !exists(ctx, store, v.Path) {
			todo = append(todo, k)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	base := shrink(img, m.Variants[todo[len(todo)-1]].Width)
	if len(todo) == 1 {
		return makeChain(ctx, m.Variants, todo, base, ext, store)
	}
	errc := make(chan error, 1)
	go func() { errc <- makeChain(ctx, m.Variants, todo[len(todo)-1:], base, ext, store) }()
	err := makeChain(ctx, m.Variants, todo[:len(todo)-1], base, ext, store)
	if err2 := <-errc; err == nil {
		err = err2
	}
	return err
}

// shrink halves img while it stays at least twice as wide as w.
func shrink(img image.Image, w int) image.Image {
	for img.Bounds().Dx() >= 2*w && img.Bounds().Dy() >= 2 {
		img = halve(img)
	}
	return img
}

// makeChain makes the copies vs[idx[i]], widest first, each one scaled
// from the one before it, the first from src. src is only read.
func makeChain(ctx context.Context, vs []warta.ImageVariant, idx []int, src image.Image, ext string, store Storage) error {
	for i := len(idx) - 1; i >= 0; i-- {
		v := vs[idx[i]]
		src = shrink(src, v.Width)
		dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
		var buf bytes.Buffer
		var err error
		if ext == ".jpg" {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: JPEGQuality})
		} else {
			err = png.Encode(&buf, dst)
		}
		if err != nil {
			return internal("encode variant", err)
		}
		if err := writeOnce(ctx, store, v.Path, buf.Bytes()); err != nil {
			return err
		}
		src = dst
	}
	return nil
}

// scaledHeight returns the height of a w-wide copy of a width×height
// image, rounded, and at least 1.
func scaledHeight(width, height, w int) int {
	h := int((int64(height)*int64(w)*2 + int64(width)) / (2 * int64(width)))
	return max(h, 1)
}

// toRGBA returns img as an *image.RGBA with its origin at (0, 0),
// converting it if needed.
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok && m.Rect.Min == (image.Point{}) {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Rect, img, b.Min, draw.Src)
	return m
}

// halve returns img at half its width and height, each pixel the average
// of four.
func halve(img image.Image) *image.RGBA {
	if y, ok := img.(*image.YCbCr); ok {
		return halveYCbCr(y)
	}
	return halveRGBA(toRGBA(img))
}

// halveYCbCr halves a decoded JPEG without first converting all its
// pixels to RGBA: it averages four luma samples and converts once. The
// conversion is affine, so this equals converting first, up to rounding.
func halveYCbCr(src *image.YCbCr) *image.RGBA {
	b := src.Rect
	w, h := b.Dx()/2, b.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		sy := b.Min.Y + 2*y
		y0 := src.YOffset(b.Min.X, sy)
		y1 := src.YOffset(b.Min.X, sy+1)
		d := dst.Pix[y*dst.Stride:]
		for x := range w {
			sx := b.Min.X + 2*x
			luma := (int(src.Y[y0+2*x]) + int(src.Y[y0+2*x+1]) + int(src.Y[y1+2*x]) + int(src.Y[y1+2*x+1]) + 2) / 4
			c0, c1 := src.COffset(sx, sy), src.COffset(sx+1, sy+1)
			cb := (int(src.Cb[c0]) + int(src.Cb[c1]) + 1) / 2
			cr := (int(src.Cr[c0]) + int(src.Cr[c1]) + 1) / 2
			r, g, bl := color.YCbCrToRGB(uint8(luma), uint8(cb), uint8(cr))
			o := 4 * x
			d[o], d[o+1], d[o+2], d[o+3] = r, g, bl, 0xff
		}
	}
	return dst
}

// halveRGBA averages each 2×2 block of src. Premultiplied colours average
// correctly with transparency.
func halveRGBA(src *image.RGBA) *image.RGBA {
	w, h := src.Rect.Dx()/2, src.Rect.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := src.Pix[2*y*src.Stride:]
		r1 := src.Pix[(2*y+1)*src.Stride:]
		d := dst.Pix[y*dst.Stride:]
		for x := range w {
			s, o := 8*x, 4*x
			for c := range 4 {
				sum := int(r0[s+c]) + int(r0[s+4+c]) + int(r1[s+c]) + int(r1[s+4+c])
				d[o+c] = uint8((sum + 2) / 4)
			}
		}
	}
	return dst
}
