package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Metadata is removed at the byte level: the segments, chunks or blocks
// that carry it are dropped and everything else is copied unchanged, so
// the stored original has exactly the pixels that were uploaded. Data
// after the format's end marker is dropped as well, since it is a classic
// place to hide a second file.

var errTruncated = errors.New("unexpected end of data")

// strip returns data without its metadata.
func strip(mime string, data []byte) ([]byte, error) {
	switch mime {
	case MIMEJPEG:
		return stripJPEG(data)
	case MIMEPNG:
		return stripPNG(data)
	case MIMEGIF:
		return stripGIF(data)
	case MIMEWebP:
		return stripWebP(data)
	}
	return nil, fmt.Errorf("no metadata stripper for %s", mime)
}

// stripJPEG keeps only the segments a decoder needs and the colour
// information: APP0 (JFIF), APP2 ICC_PROFILE and APP14 (Adobe, which
// says how to read the colours). Every other APPn segment goes, which
// includes APP1 (Exif with GPS, XMP), APP2 MPF (pointers to embedded
// previews), APP13 (Photoshop/IPTC) and COM. The entropy-coded data after
// each SOS is copied as it is.
func stripJPEG(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0xff || data[1] != 0xd8 {
		return nil, errors.New("jpeg: missing SOI")
	}
	out := make([]byte, 0, len(data))
	out = append(out, 0xff, 0xd8)
	i := 2
	for {
		if i >= len(data) {
			return nil, fmt.Errorf("jpeg: %w", errTruncated)
		}
		if data[i] != 0xff {
			return nil, fmt.Errorf("jpeg: expected a marker at offset %d", i)
		}
		for i < len(data) && data[i] == 0xff { // fill bytes
			i++
		}
		if i >= len(data) {
			return nil, fmt.Errorf("jpeg: %w", errTruncated)
		}
		marker := data[i]
		i++
		switch {
		case marker == 0xd9: // EOI: anything after it is dropped
			return append(out, 0xff, 0xd9), nil
		case marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7): // TEM, RSTn: no length
			out = append(out, 0xff, marker)
			continue
		case marker == 0x00 || marker == 0xd8:
			return nil, fmt.Errorf("jpeg: unexpected marker %#x", marker)
		}
		if i+2 > len(data) {
			return nil, fmt.Errorf("jpeg: %w", errTruncated)
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return nil, fmt.Errorf("jpeg: segment %#x: %w", marker, errTruncated)
		}
		seg := data[i : i+n] // length bytes and payload
		i += n
		if keepJPEGSegment(marker, seg[2:]) {
			out = append(out, 0xff, marker)
			out = append(out, seg...)
		}
		if marker != 0xda { // not SOS
			continue
		}
		// Entropy-coded data runs to the next marker other than a
		// stuffed 0xff00 or a restart marker.
		j := i
		for j < len(data) {
			if data[j] == 0xff && j+1 < len(data) {
				if m := data[j+1]; m != 0x00 && (m < 0xd0 || m > 0xd7) {
					break
				}
				j += 2
				continue
			}
			j++
		}
		out = append(out, data[i:j]...)
		i = j
	}
}

// keepJPEGSegment reports whether a segment with this marker and payload
// stays in the stored file.
func keepJPEGSegment(marker byte, payload []byte) bool {
	switch {
	case marker == 0xfe: // COM
		return false
	case marker == 0xe0: // APP0: JFIF
		return true
	case marker == 0xe2: // APP2: only the colour profile
		return bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00"))
	case marker == 0xee: // APP14: Adobe colour transform
		return true
	case marker >= 0xe0 && marker <= 0xef: // other APPn: Exif, XMP, IPTC, …
		return false
	}
	return true
}

// pngDrop lists the PNG chunks that hold metadata.
var pngDrop = map[string]bool{"eXIf": true, "tEXt": true, "zTXt": true, "iTXt": true, "tIME": true}

// stripPNG drops the eXIf, tEXt, zTXt, iTXt and tIME chunks. Each chunk
// carries its own CRC, so nothing needs recomputing.
func stripPNG(data []byte) ([]byte, error) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(data, []byte(sig)) {
		return nil, errors.New("png: missing signature")
	}
	out := make([]byte, 0, len(data))
	out = append(out, sig...)
	i := len(sig)
	for {
		if i+8 > len(data) {
			return nil, fmt.Errorf("png: %w", errTruncated)
		}
		n := binary.BigEndian.Uint32(data[i:])
		typ := string(data[i+4 : i+8])
		if n > 1<<31-1 || uint64(i)+12+uint64(n) > uint64(len(data)) {
			return nil, fmt.Errorf("png: chunk %q: %w", typ, errTruncated)
		}
		end := i + 12 + int(n) // length, type, data, CRC
		if !pngDrop[typ] {
			out = append(out, data[i:end]...)
		}
		i = end
		if typ == "IEND" {
			return out, nil
		}
	}
}

// stripGIF drops comment extensions and every application extension but
// NETSCAPE2.0 (which says how often an animation loops); XMP lives in an
// application extension.
func stripGIF(data []byte) ([]byte, error) {
	if len(data) < 13 {
		return nil, fmt.Errorf("gif: %w", errTruncated)
	}
	i := 13 // header and logical screen descriptor
	if flags := data[10]; flags&0x80 != 0 {
		i += 3 << (flags&0x07 + 1) // global colour table
	}
	if i > len(data) {
		return nil, fmt.Errorf("gif: %w", errTruncated)
	}
	out := make([]byte, 0, len(data))
	out = append(out, data[:i]...)
	for {
		if i >= len(data) {
			return nil, fmt.Errorf("gif: %w", errTruncated)
		}
		switch data[i] {
		case 0x3b: // trailer: anything after it is dropped
			return append(out, 0x3b), nil
		case 0x21: // extension
			if i+2 > len(data) {
				return nil, fmt.Errorf("gif: %w", errTruncated)
			}
			label := data[i+1]
			end, err := gifSubBlocks(data, i+2)
			if err != nil {
				return nil, err
			}
			keep := true
			switch label {
			case 0xfe: // comment
				keep = false
			case 0xff: // application
				keep = bytes.HasPrefix(data[i+2:end], []byte("\x0bNETSCAPE2.0"))
			}
			if keep {
				out = append(out, data[i:end]...)
			}
			i = end
		case 0x2c: // image descriptor, optional local colour table, LZW data
			start := i
			if i+10 > len(data) {
				return nil, fmt.Errorf("gif: %w", errTruncated)
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (flags&0x07 + 1)
			}
			i++ // LZW minimum code size
			if i > len(data) {
				return nil, fmt.Errorf("gif: %w", errTruncated)
			}
			end, err := gifSubBlocks(data, i)
			if err != nil {
				return nil, err
			}
			out = append(out, data[start:end]...)
			i = end
		default:
			return nil, fmt.Errorf("gif: unknown block %#x at offset %d", data[i], i)
		}
	}
}

// gifSubBlocks returns the offset just past the sub-blocks starting at i,
// including their zero-length terminator.
func gifSubBlocks(data []byte, i int) (int, error) {
	for {
		if i >= len(data) {
			return 0, fmt.Errorf("gif: %w", errTruncated)
		}
		n := int(data[i])
		i++
		if n == 0 {
			return i, nil
		}
		i += n
	}
}

// stripWebP drops the EXIF and XMP chunks of a RIFF container, clears the
// matching flags in VP8X and fixes the RIFF size.
func stripWebP(data []byte) ([]byte, error) {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, errors.New("webp: missing RIFF header")
	}
	size := binary.LittleEndian.Uint32(data[4:])
	if size < 4 || uint64(size)+8 > uint64(len(data)) {
		return nil, fmt.Errorf("webp: %w", errTruncated)
	}
	data = data[:8+size] // anything after the RIFF form is dropped
	out := make([]byte, 0, len(data))
	out = append(out, data[:12]...)
	vp8x := -1 // offset of the VP8X payload in out
	for i := 12; i < len(data); {
		if i+8 > len(data) {
			return nil, fmt.Errorf("webp: %w", errTruncated)
		}
		id := string(data[i : i+4])
		n := uint64(binary.LittleEndian.Uint32(data[i+4:]))
		end := uint64(i) + 8 + n + n&1 // chunks are padded to an even size
		if end > uint64(len(data)) {
			// The last chunk's padding byte is sometimes missing.
			if end-1 != uint64(len(data)) || n&1 == 0 {
				return nil, fmt.Errorf("webp: chunk %q: %w", id, errTruncated)
			}
			end--
		}
		switch id {
		case "EXIF", "XMP ":
		default:
			if id == "VP8X" && n >= 1 {
				vp8x = len(out) + 8
			}
			out = append(out, data[i:end]...)
			if end-uint64(i) < 8+n+n&1 {
				out = append(out, 0) // restore the missing padding
			}
		}
		i = int(end)
	}
	if vp8x >= 0 {
		const exifBit, xmpBit = 1 << 3, 1 << 2
		out[vp8x] &^= exifBit | xmpBit
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}
