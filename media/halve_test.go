package media

import (
	"image"
	"testing"
)

// TestHalveYCbCr checks the shortcut for decoded JPEGs against converting
// to RGBA first and then averaging.
func TestHalveYCbCr(t *testing.T) {
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422} {
		src := image.NewYCbCr(image.Rect(0, 0, 64, 48), ratio)
		for y := range 48 {
			for x := range 64 {
				src.Y[src.YOffset(x, y)] = uint8(x*3 + y)
				src.Cb[src.COffset(x, y)] = uint8(128 + x - y)
				src.Cr[src.COffset(x, y)] = uint8(100 + y)
			}
		}
		got, want := halveYCbCr(src), halveRGBA(toRGBA(src))
		if got.Rect != want.Rect {
			t.Fatalf("%v: size %v, want %v", ratio, got.Rect, want.Rect)
		}
		worst := 0
		for i := range got.Pix {
			worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
		}
		if worst > 3 {
			t.Errorf("%v: a channel differs by %d from converting first", ratio, worst)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
