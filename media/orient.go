package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
)

// Phones store most photos as the sensor saw them and put the way to turn
// them in the EXIF Orientation tag. Stripping EXIF would lose that and
// show portrait photos on their side, so such a JPEG is turned before it is
// stored: its pixels are rotated and encoded again at OrientedQuality,
// with its colour profile copied across. This is the one case in which the
// stored original is not the uploaded bitstream.

// OrientedQuality is the JPEG quality used when a photo must be turned.
const OrientedQuality = 92

// jpegOrientation returns the EXIF Orientation (1 to 8) of a JPEG, or 1
// when it has none or it cannot be read.
func jpegOrientation(data []byte) int {
	for i := 2; i+4 <= len(data) && data[i] == 0xff; {
		marker := data[i+1]
		if marker == 0xda || marker == 0xd9 { // SOS, EOI: metadata comes before
			break
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			break
		}
		payload := data[i+4 : i+2+n]
		if marker == 0xe1 && bytes.HasPrefix(payload, []byte("Exif\x00\x00")) {
			if o := tiffOrientation(payload[6:]); o != 0 {
				return o
			}
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads tag 0x0112 from IFD0 of a TIFF structure, or
// returns 0.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	ifd := uint64(bo.Uint32(t[4:]))
	if ifd+2 > uint64(len(t)) {
		return 0
	}
	count := uint64(bo.Uint16(t[ifd:]))
	for k := range count {
		e := ifd + 2 + 12*k
		if e+12 > uint64(len(t)) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // SHORT
			if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 0
		}
	}
	return 0
}

// orient returns img turned as EXIF orientation o says, so that it looks
// right without the tag.
func orient(img image.Image, o int) *image.RGBA {
	src := toRGBA(img)
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	// at maps a destination pixel to the source pixel it shows.
	var at func(x, y int) (int, int)
	switch o {
	case 2: // mirrored
		at = func(x, y int) (int, int) { return w - 1 - x, y }
	case 3: // upside down
		at = func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }
	case 4: // mirrored upside down
		at = func(x, y int) (int, int) { return x, h - 1 - y }
	case 5: // transposed
		at = func(x, y int) (int, int) { return y, x }
	case 6: // turn a quarter clockwise
		at = func(x, y int) (int, int) { return y, h - 1 - x }
	case 7: // transverse
		at = func(x, y int) (int, int) { return w - 1 - y, h - 1 - x }
	case 8: // turn a quarter anticlockwise
		at = func(x, y int) (int, int) { return w - 1 - y, x }
	default:
		return src
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		row := dst.Pix[y*dst.Stride:]
		for x := range dw {
			sx, sy := at(x, y)
			copy(row[4*x:4*x+4], src.Pix[sy*src.Stride+4*sx:])
		}
	}
	return dst
}

// reencodeOriented encodes img (already turned) as a JPEG and copies the
// ICC profile segments of the stripped original into it.
func reencodeOriented(img image.Image, stripped []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: OrientedQuality}); err != nil {
		return nil, err
	}
	enc := buf.Bytes()
	out := append([]byte(nil), enc[:2]...) // SOI
	for i := 2; i+4 <= len(stripped) && stripped[i] == 0xff; {
		marker := stripped[i+1]
		if marker == 0xda {
			break
		}
		n := int(binary.BigEndian.Uint16(stripped[i+2:]))
		if n < 2 || i+2+n > len(stripped) {
			break
		}
		if marker == 0xe2 { // stripJPEG left only ICC_PROFILE in APP2
			out = append(out, stripped[i:i+2+n]...)
		}
		i += 2 + n
	}
	return append(out, enc[2:]...), nil
}
