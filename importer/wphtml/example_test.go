package wphtml_test

import (
	"fmt"
	"strings"

	"warta/importer/wphtml"
)

func ExampleConvert() {
	body := "Banjir merendam tiga desa.\nWarga mengungsi.\n\n" +
		`[caption id="attachment_12" align="aligncenter" width="640"]<img src="https://contoh.id/wp-content/uploads/2024/05/banjir.jpg" alt="Perahu karet" /> Evakuasi warga Sayung. | Foto: Rina[/caption]` +
		"\n\n[contact-form-7 id=\"3\"]"
	r := wphtml.Convert(body, wphtml.Options{
		MapURL: func(u string) string {
			return strings.Replace(u, "https://contoh.id/wp-content/uploads/", "/media/", 1)
		},
	})
	fmt.Print(r.Markdown)
	fmt.Println(r.Shortcodes, r.Images)
	// Output:
	// Banjir merendam tiga desa.\
	// Warga mengungsi.
	//
	// ![Perahu karet](/media/2024/05/banjir.jpg "Evakuasi warga Sayung. | Foto: Rina")
	//
	// \[contact-form-7 id="3"]
	// [contact-form-7] [https://contoh.id/wp-content/uploads/2024/05/banjir.jpg]
}
