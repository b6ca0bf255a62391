package wxr

import (
	"reflect"
	"testing"
)

func TestUnserialize(t *testing.T) {
	got, err := unserialize(`a:3:{s:4:"file";s:17:"2019/03/pasar.jpg";s:5:"sizes";a:1:{s:6:"medium";a:2:{s:4:"file";s:17:"pasar-300x200.jpg";s:5:"width";i:300;}}i:7;b:1;}`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"file":  "2019/03/pasar.jpg",
		"sizes": map[string]any{"medium": map[string]any{"file": "pasar-300x200.jpg", "width": int64(300)}},
		"7":     true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unserialize = %#v\nwant %#v", got, want)
	}
	// Lengths in bytes, and wrong lengths as a changed character set leaves them.
	for in, want := range map[string]any{
		`s:6:"héllo";`:   "héllo",
		`s:5:"héllo";`:   "héllo",
		`s:40:"pendek";`: "pendek",
		`d:1.5;`:         1.5,
		`N;`:             nil,
	} {
		if got, err := unserialize(in); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("unserialize(%q) = %#v, %v; want %#v", in, got, err, want)
		}
	}
	deep := ""
	for range 100 {
		deep += "a:1:{i:0;"
	}
	for _, bad := range []string{"", "x", "s:3:\"ab", "a:2:{i:0;i:1;}", `O:8:"stdClass":0:{}`, "i:12", deep, "a:99999999999:{"} {
		if _, err := unserialize(bad); err == nil {
			t.Errorf("unserialize(%q) succeeded", bad)
		}
	}
}
