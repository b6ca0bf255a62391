package demo

import (
	"context"
	"fmt"

	"warta"
	"warta/markdown"
)

// pages are the demo site's standing pages, in footer menu order. The
// text is written for this project; the people, addresses and the
// publisher are fictional. Pedoman Media Siber is our own short summary
// of what such guidelines cover, not the text of any official document.
var pages = []warta.Page{
	{Slug: "tentang-kami", Title: "Tentang Kami", BodyMarkdown: `Warta adalah media berita daring yang berpusat di Semarang. Kami meliput peristiwa, kebijakan, ekonomi rumah tangga, olahraga, budaya, dan teknologi, dengan perhatian khusus pada kota dan desa di Jawa Tengah.

Kami percaya berita yang baik lahir dari kerja lapangan, verifikasi yang teliti, dan bahasa yang mudah dipahami. Setiap laporan kami tulis agar pembaca bisa mengambil keputusan sehari-hari dengan lebih baik: kapan jalan tergenang, berapa harga beras di pasar, atau siapa yang bertanding akhir pekan ini.

## Independensi

Warta diterbitkan oleh PT Kabar Pesisir Nusantara (fiktif, untuk situs demo). Ruang redaksi memutuskan isi pemberitaan tanpa campur tangan pemilik maupun pengiklan. Iklan dan konten berbayar selalu diberi tanda yang jelas.

## Koreksi

Jika kami keliru, kami memperbaikinya secara terbuka: setiap ralat dicatat di bawah artikel yang bersangkutan beserta waktunya.`},

	{Slug: "redaksi", Title: "Susunan Redaksi", MenuLabel: "Redaksi", BodyMarkdown: `**Pemimpin Redaksi:** Hendra Wibisono

**Wakil Pemimpin Redaksi:** Lestari Anggraeni

**Redaktur Pelaksana:** Yusuf Maulana

**Redaktur:** Bagus Hartono (Olahraga), Ayu Lestari (Ekonomi), Sekar Wulandari (Budaya)

**Reporter:** Rina Pertiwi, Dimas Saputra, Fajar Nugroho

**Fotografer:** Dimas Saputra

**Pengembang Situs:** Tim Teknologi Warta

Semua nama di halaman ini fiktif dan dibuat untuk situs demo.`},

	{Slug: "pedoman-media-siber", Title: "Pedoman Media Siber", BodyMarkdown: `Halaman ini merangkum dengan kata-kata kami sendiri cara Warta mengelola pemberitaan daring, mengikuti pedoman pemberitaan media siber yang berlaku bagi pers di Indonesia.

## Verifikasi dan keberimbangan

Setiap berita kami periksa kebenarannya sebelum terbit. Berita yang merugikan pihak tertentu memuat tanggapan pihak itu. Jika tanggapan belum didapat karena keadaan mendesak, kami menyebutkannya di dalam berita dan menambahkan tanggapan tersebut segera setelah diterima.

## Isi buatan pengguna

Komentar pembaca adalah tanggung jawab penulisnya. Kami menolak komentar yang bohong, cabul, menghasut kebencian berdasarkan suku, agama, ras, dan antargolongan, atau yang merendahkan martabat orang. Komentar semacam itu kami tahan atau hapus, dan pembaca dapat melaporkannya kepada redaksi.

## Ralat, koreksi, dan hak jawab

Koreksi dan hak jawab kami muat pada berita yang bersangkutan, dengan keterangan waktu. Berita yang sudah terbit tidak kami hapus diam-diam; bila sebuah berita ditarik, alasannya kami sampaikan kepada pembaca.

## Pengaduan

Pengaduan tentang isi pemberitaan dapat dikirim ke redaksi melalui halaman Kontak. Sengketa yang tidak selesai dengan redaksi dapat diajukan kepada Dewan Pers.`},

	{Slug: "kontak", Title: "Kontak", BodyMarkdown: `Punya kabar, koreksi, atau pertanyaan? Hubungi redaksi kami.

**Surel redaksi:** redaksi@example.id

**Iklan dan kerja sama:** iklan@example.id

**Alamat:** Jalan Pelabuhan Lama No. 17, Semarang, Jawa Tengah (alamat fiktif untuk situs demo)

Untuk meminta koreksi, sebutkan judul dan alamat artikel serta bagian yang menurut Anda keliru. Kami membalas setiap surel pada hari kerja.`},
}

// seedPages adds the demo pages that are not there yet, looked up by
// slug, each in the footer menu at its place in pages. Pages already
// there keep their text and their place: editors may have changed them.
func seedPages(ctx context.Context, st warta.Store) error {
	for i, p := range pages {
		switch _, err := st.PageBySlug(ctx, p.Slug); {
		case err == nil:
			continue
		case !warta.IsNotFound(err):
			return fmt.Errorf("demo: page %s: %w", p.Slug, err)
		}
		body, err := markdown.Render(p.BodyMarkdown)
		if err != nil {
			return fmt.Errorf("demo: page %s: %w", p.Slug, err)
		}
		p.BodyHTML, p.Status, p.MenuOrder = body, warta.PagePublished, i+1
		if err := st.CreatePage(ctx, &p); err != nil {
			return fmt.Errorf("demo: create page %s: %w", p.Slug, err)
		}
	}
	return nil
}
