package main

import (
	"math"
	"math/rand/v2"
	"strings"
)

// commonWords are everyday Indonesian words, written for this benchmark,
// that give generated text the rhythm of Indonesian news: particles,
// pronouns, verbs and nouns a reporter uses on every page.
var commonWords = strings.Fields(`
yang dan di ke dari untuk dengan ini itu pada dalam tidak akan juga
sudah telah belum masih karena sehingga agar bahwa oleh sebagai atau
tetapi namun lebih sangat hanya bisa dapat harus ingin perlu kata ujar
menurut setelah sebelum saat ketika hingga sampai antara tentang bagi
kami kita mereka dia ia saya anda warga masyarakat pemerintah daerah
kota desa kabupaten provinsi pusat negara presiden menteri gubernur
bupati wali camat lurah kepala dinas badan lembaga kantor rumah sakit
sekolah pasar jalan tol jembatan pelabuhan bandara stasiun kereta bus
kapal sungai laut pantai gunung hutan sawah kebun air listrik harga
beras minyak gula cabai bawang telur daging ikan sayur buah pupuk petani
nelayan pedagang buruh guru siswa mahasiswa dokter perawat polisi hakim
jaksa pengadilan sidang perkara kasus korupsi anggaran dana proyek
program bantuan sosial kesehatan pendidikan ekonomi politik budaya
olahraga teknologi digital internet aplikasi data informasi berita
laporan hasil survei penelitian kebijakan aturan undang peraturan
pemilihan umum partai calon suara rakyat dewan perwakilan sidang rapat
kerja tahun bulan minggu hari pagi siang sore malam lalu depan baru
lama besar kecil tinggi rendah banyak sedikit semua setiap beberapa
pertama kedua ketiga satu dua tiga empat lima enam tujuh delapan sembilan
sepuluh ratus ribu juta miliar triliun persen rupiah dolar kilometer
ton hektare meter banjir longsor gempa kebakaran kekeringan hujan cuaca
angin gelombang pesisir pulau wilayah kawasan lokasi tempat pusat
membangun memperbaiki menyiapkan menyampaikan mengatakan menjelaskan
menambahkan meminta mendorong memastikan mengajak mendukung menolak
menerima memberikan mendapat mendapatkan menjadi membuat melakukan
meningkatkan menurunkan mengurangi menaikkan membuka menutup memulai
berjalan berlangsung bertemu berbicara berharap berencana berhasil
bekerja berusaha bertahan berkembang berubah bergerak berada terjadi
terdapat terlihat tersedia terkena terdampak diminta dibangun dibuka
ditutup diperbaiki disiapkan disampaikan dilakukan diberikan diterima
ditemukan dijual dibeli dikirim dipakai pembangunan perbaikan penyaluran
pelayanan pengawasan penanganan pengungsi korban relawan petugas tim
kelompok komunitas organisasi perusahaan usaha koperasi toko pabrik
industri produk ekspor impor investasi pajak modal kredit bank pinjaman
utang bunga inflasi pertumbuhan penjualan pembeli konsumen produksi
panen musim kemarau penghujan udara tanah batu pasir kayu bambu padi
jagung kedelai kopi teh kakao sawit karet cengkeh garam kelapa pisang
mangga durian rambutan salak nanas tari lagu musik film buku pameran
festival tradisi adat upacara batik tenun wayang gamelan pertunjukan
seniman penulis pemain pelatih atlet tim klub liga pertandingan gol
juara medali turnamen stadion lapangan latihan laga babak final skor
`)

// syllables are the consonant-vowel blocks that Indonesian words are
// built from; made-up words from them read like Indonesian.
var (
	onsets = strings.Fields("b c d g h j k l m n p r s t w y ng ny")
	vowels = strings.Fields("a a a i i u u e o")
	codas  = strings.Fields("_ _ _ _ n ng r k t s h l m")
	// prefixes and suffixes give made-up roots their derived forms, as
	// Indonesian's me-, ber-, di- and -kan, -an, -nya do.
	prefixes = strings.Fields("_ _ _ _ me mem men meng ber di ter pe per ke se")
	suffixes = strings.Fields("_ _ _ _ _ kan an nya i lah")
)

// vocabulary is the generated word list plus a Zipf sampler over it, so
// that common words are common (as in real text) and search queries hit
// lists of every length.
type vocabulary struct {
	words []string
	cdf   []float64 // cumulative Zipf weights, last element 1
}

// newVocabulary builds size words: the common words first (the most
// frequent ranks), then made-up words from syllables, all distinct.
func newVocabulary(size int, seed uint64) *vocabulary {
	r := rand.New(rand.NewPCG(seed, 0x766f636162))
	seen := map[string]bool{}
	var words []string
	for _, w := range commonWords {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	pick := func(list []string) string {
		s := list[r.IntN(len(list))]
		if s == "_" {
			return ""
		}
		return s
	}
	for len(words) < size {
		var b strings.Builder
		b.WriteString(pick(prefixes))
		for n := 2 + r.IntN(2); n > 0; n-- {
			b.WriteString(pick(onsets))
			b.WriteString(pick(vowels))
		}
		b.WriteString(pick(codas))
		b.WriteString(pick(suffixes))
		w := b.String()
		if len(w) < 3 || seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, w)
	}
	v := &vocabulary{words: words, cdf: make([]float64, len(words))}
	sum := 0.0
	for i := range words {
		sum += 1 / math.Pow(float64(i+1), 0.9)
		v.cdf[i] = sum
	}
	for i := range v.cdf {
		v.cdf[i] /= sum
	}
	return v
}

// word returns one word, Zipf-distributed.
func (v *vocabulary) word(r *rand.Rand) string {
	u := r.Float64()
	lo, hi := 0, len(v.cdf)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if v.cdf[mid] < u {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return v.words[lo]
}

// sentence returns n words starting with a capital and ending with a
// full stop, with an occasional comma.
func (v *vocabulary) sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		w := v.word(r)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 2 && i < n-2 && r.IntN(9) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	return b.String()
}

// title returns n capitalised words, for headlines and names.
func (v *vocabulary) title(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		w := v.word(r)
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// body returns a Markdown article of between minWords and maxWords words:
// paragraphs of a few sentences, with an occasional subheading, and the
// word count it holds.
func (v *vocabulary) body(r *rand.Rand, minWords, maxWords int) string {
	target := minWords + r.IntN(maxWords-minWords+1)
	var b strings.Builder
	words := 0
	paragraphs := 0
	for words < target {
		if paragraphs > 2 && r.IntN(7) == 0 {
			n := 3 + r.IntN(4)
			b.WriteString("## " + v.title(r, n) + "\n\n")
			words += n
		}
		for s := 2 + r.IntN(4); s > 0 && words < target; s-- {
			n := min(8+r.IntN(13), target-words)
			if n < 3 {
				n = 3
			}
			b.WriteString(v.sentence(r, n))
			b.WriteByte(' ')
			words += n
		}
		b.WriteString("\n\n")
		paragraphs++
	}
	return b.String()
}
