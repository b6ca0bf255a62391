package demo

import "time"

// samples are the demo stories, newest first. Every person, quote and
// figure in them is invented for the demo; places are real so the stories
// read naturally, but none of these events is reported news.
var samples = []sample{
	{
		Slug:     FeaturedSlug,
		Headline: "Banjir Rob Rendam 1.200 Rumah di Pesisir Demak, Ratusan Warga Dievakuasi",
		Dek:      "Tanggul karung pasir di Desa Timbulsloko jebol saat pasang tertinggi. BPBD memperkirakan air laut masih akan naik hingga tiga hari ke depan.",
		Section:  "nasional",
		Authors:  []string{"rina-pertiwi", "dimas-saputra"},
		Tags:     []string{"banjir", "bencana", "pesisir", "jawa-tengah"},
		Age:      3 * time.Hour,
		Image:    "banjir-demak",
		Alt:      "Jalan desa tergenang air laut setinggi lutut, dengan deretan rumah dan perahu kecil di latar belakang",
		Caption:  "Genangan rob di jalan utama Desa Timbulsloko, Kecamatan Sayung, Demak.",
		Credit:   "Foto: Dimas Saputra/Warta",
		Body: `**DEMAK, Warta** — Banjir rob merendam sedikitnya 1.200 rumah di empat desa di Kecamatan Sayung, Kabupaten Demak, Jawa Tengah, sejak Minggu malam. Air laut setinggi 40 hingga 90 sentimeter masuk ke permukiman setelah tanggul darurat di Desa Timbulsloko jebol diterjang gelombang. Badan Penanggulangan Bencana Daerah (BPBD) Demak mengevakuasi 310 warga, sebagian besar lansia dan anak-anak, ke balai desa dan gedung sekolah yang letaknya lebih tinggi.

Kepala Pelaksana BPBD Demak, Hendra Kusuma, mengatakan tim gabungan bekerja sejak pukul 22.00 dengan enam perahu karet. "Prioritas kami warga yang rumahnya sudah terendam setinggi lutut orang dewasa dan tidak punya lantai kedua," ujarnya saat ditemui di posko Desa Sriwulan, Senin pagi.

![Perahu karet membawa warga ke tempat aman](/media/demo/banjir-demak-2.jpg "Warga dievakuasi dari Desa Sayung, Senin pagi. | Foto: Rina Pertiwi/Warta")

## Tanggul darurat tak mampu menahan pasang

Menurut catatan stasiun meteorologi maritim setempat, pasang maksimum malam itu mencapai 1,4 meter di atas rata-rata muka laut, lebih tinggi daripada perkiraan sepekan sebelumnya. Angin barat yang kencang mendorong gelombang ke arah pantai dan memperparah limpasan.

Tanggul karung pasir sepanjang 300 meter itu dibangun secara swadaya oleh warga tiga bulan lalu. Sumarni (52), warga RT 03 Desa Timbulsloko, bercerita tanggul tersebut sudah berkali-kali ditambal.

> "Kami sudah tiga kali menambal tanggul itu dengan karung pasir. Tadi malam airnya datang lebih cepat dari biasanya, kami cuma sempat menyelamatkan surat-surat dan anak-anak."

Di posko pengungsian, relawan membuka dapur umum yang menyiapkan sekitar 900 porsi makanan sehari. Puskesmas Sayung menempatkan dua tenaga kesehatan untuk memeriksa pengungsi; keluhan yang paling banyak adalah gatal-gatal dan demam.

![Relawan membagikan nasi bungkus kepada pengungsi di dapur umum balai desa](/media/demo/banjir-demak-3.jpg "Dapur umum di Balai Desa Sriwulan menyiapkan sekitar 900 porsi sehari. | Foto: Dimas Saputra/Warta")

## Pasang diperkirakan berlanjut tiga hari

Prakirawan memperkirakan pasang tinggi masih akan terjadi hingga tiga hari ke depan, terutama antara pukul 19.00 dan 23.00. Warga diminta tidak kembali ke rumah pada jam-jam tersebut dan menaikkan barang berharga ke tempat yang lebih tinggi.

Pemerintah Kabupaten Demak menyatakan akan menetapkan status tanggap darurat selama tujuh hari jika genangan belum surut. Sekretaris Daerah Agus Prasetyo menyebut perbaikan tanggul permanen sudah masuk usulan anggaran tahun depan. "Yang mendesak sekarang adalah memastikan semua warga aman dan logistik cukup," kata Agus.

Warga yang membutuhkan bantuan evakuasi dapat menghubungi posko BPBD di Balai Desa Sriwulan, yang dibuka 24 jam.`,
	},
	{
		Slug:     "harga-beras-medium-naik-di-pasar-semarang",
		Headline: "Harga Beras Medium Naik Rp1.000 per Kilogram di Pasar-pasar Semarang",
		Dek:      "Panen yang mundur membuat pasokan dari Grobogan dan Sragen berkurang. Pemkot menggelar operasi pasar di 16 kelurahan.",
		Section:  "ekonomi",
		Authors:  []string{"ayu-lestari"},
		Tags:     []string{"pangan", "harga", "jawa-tengah"},
		Age:      9 * time.Hour,
		Image:    "beras-semarang",
		Alt:      "Karung-karung beras bertumpuk di kios pasar, dengan papan harga dari kapur di depannya",
		Caption:  "Kios beras di Pasar Karangayu, Semarang.",
		Credit:   "Foto: Ayu Lestari/Warta",
		Body: `**SEMARANG, Warta** — Harga beras medium di sejumlah pasar tradisional Kota Semarang naik Rp1.000 per kilogram dalam dua pekan terakhir. Di Pasar Johar dan Pasar Karangayu, beras medium kini dijual Rp14.500 hingga Rp15.000 per kilogram, dari sebelumnya Rp13.500. Pedagang menyebut pasokan dari sentra produksi di Grobogan dan Sragen berkurang karena panen belum merata.

Lina Marlina (44), pedagang beras di Pasar Karangayu, mengatakan ia kini hanya menerima separuh kiriman biasanya. "Dulu satu truk tiap tiga hari, sekarang seminggu sekali pun belum tentu penuh. Pembeli banyak yang beralih ke beras kemasan lima kilogram yang lebih murah," katanya.

## Panen mundur, stok gudang menipis

Kepala Dinas Perdagangan Kota Semarang, Wahyu Setiawan, membenarkan kenaikan tersebut. Menurut dia, musim tanam di beberapa kabupaten mundur sekitar tiga minggu karena hujan datang terlambat, sehingga panen raya baru akan berlangsung akhir bulan depan.

"Stok di gudang masih aman untuk tiga bulan, jadi kami minta masyarakat tidak memborong. Mulai pekan ini kami menggelar operasi pasar di 16 kelurahan dengan harga Rp12.500 per kilogram," ujar Wahyu.

Operasi pasar itu menyediakan 40 ton beras setiap pekan. Pembelian dibatasi dua kemasan lima kilogram per orang agar tidak diborong pedagang eceran untuk dijual kembali.

## Beban rumah tangga berpenghasilan rendah

Peneliti Lembaga Kajian Pangan Nusantara, Retno Anggraini, menilai kenaikan ini paling terasa bagi rumah tangga berpenghasilan rendah, yang membelanjakan hampir seperempat pengeluarannya untuk beras. "Seribu rupiah terlihat kecil, tetapi keluarga berlima makan sekitar 40 kilogram sebulan. Itu tambahan Rp40.000, setara setengah hari upah buruh harian," katanya.

Retno menyarankan pemerintah daerah mempercepat penyaluran bantuan pangan dan memastikan operasi pasar menjangkau kawasan pinggiran, bukan hanya pasar besar di pusat kota. Menurut dia, warga di kawasan pinggiran justru paling jarang mendapat informasi jadwal operasi pasar.

Sementara itu, para pedagang berharap harga segera turun setelah panen. "Kalau gabah dari Grobogan sudah masuk lagi, biasanya dua minggu kemudian harga ikut turun," kata Lina sambil menimbang pesanan seorang pembeli.`,
	},
	{
		Slug:     "bus-listrik-rute-cibiru-alun-alun-mulai-beroperasi",
		Headline: "Bus Listrik Rute Cibiru–Alun-alun Bandung Mulai Beroperasi",
		Dek:      "Dua belas bus melayani 24 halte dengan jarak kedatangan 15 menit. Tarif Rp4.000, gratis selama sebulan pertama.",
		Section:  "nasional",
		Authors:  []string{"rina-pertiwi"},
		Tags:     []string{"transportasi", "layanan-publik", "jawa-barat"},
		Age:      20 * time.Hour,
		Image:    "bus-bandung",
		Alt:      "Bus listrik berwarna hijau berhenti di halte beratap kaca, beberapa penumpang naik dari pintu tengah",
		Caption:  "Bus listrik Lintas Parahyangan di halte Cibiru pada hari pertama beroperasi.",
		Credit:   "Foto: Rina Pertiwi/Warta",
		Body: `**BANDUNG, Warta** — Layanan bus listrik Lintas Parahyangan rute Cibiru–Alun-alun Bandung mulai beroperasi pada Senin pagi. Dua belas bus berkapasitas 60 penumpang melayani 24 halte sepanjang 19 kilometer dengan jarak kedatangan 15 menit, mulai pukul 05.30 hingga 21.00. Selama sebulan pertama penumpang tidak dikenai tarif; setelah itu tarif ditetapkan Rp4.000 sekali jalan.

Kepala Dinas Perhubungan Kota Bandung, Asep Gunawan, mengatakan rute ini dipilih karena koridor timur adalah penyumbang kemacetan terbesar pada jam berangkat kerja. "Setiap pagi ada puluhan ribu orang dari Cibiru dan Ujungberung menuju pusat kota. Kalau sepersepuluhnya saja pindah ke bus, jalan sudah terasa lebih longgar," ujarnya di Halte Cibiru.

## Penumpang pertama

Pada perjalanan pertama pukul 05.30, separuh kursi sudah terisi. Salah satu penumpang, Dewi Rahmawati (29), pegawai toko di kawasan Braga, mengaku biasa menghabiskan Rp25.000 sehari untuk ojek daring. "Kalau bus ini tepat waktu seperti hari ini, saya pindah. Yang penting sore juga ada bus sampai jam sembilan malam," katanya.

Bus dilengkapi lantai rendah dan ramp untuk pengguna kursi roda serta kereta bayi. Pembayaran menggunakan kartu uang elektronik atau kode QR; uang tunai tidak diterima di dalam bus, tetapi kartu dijual di setiap halte utama.

## Jalur khusus belum sepenuhnya steril

Pengamat transportasi dari Forum Warga Peduli Angkutan Umum, Yudi Permana, menilai layanan ini menjanjikan, tetapi mengingatkan bahwa ketepatan waktu bergantung pada jalur khusus. Di beberapa ruas, jalur bus masih dipakai parkir kendaraan pribadi dan pedagang.

"Jarak kedatangan 15 menit hanya bisa dijaga kalau jalurnya steril. Tanpa penegakan aturan, bus listrik akan terjebak macet yang sama," kata Yudi.

Asep menyatakan petugas gabungan akan berjaga di titik-titik rawan selama tiga bulan pertama. Dinas juga menyiapkan aplikasi pelacak posisi bus yang dijadwalkan rilis bulan depan.`,
	},
	{
		Slug:     "tim-robotika-smk-malang-juara-nasional",
		Headline: "Tim Robotika SMK di Malang Juara Kompetisi Nasional, Bersiap ke Tingkat Asia",
		Dek:      "Robot pemilah sampah buatan lima siswa SMK Teknik Bina Karya mengungguli 48 tim dari seluruh Indonesia.",
		Section:  "teknologi",
		Authors:  []string{"fajar-nugroho"},
		Tags:     []string{"pendidikan", "robotika", "jawa-timur"},
		Age:      30 * time.Hour,
		Image:    "robotika-malang",
		Alt:      "Lima siswa berseragam praktik mengelilingi robot beroda dengan lengan penjepit di atas meja bengkel",
		Caption:  "Tim Garuda Bina Karya menguji robot pemilah sampah di bengkel sekolah.",
		Credit:   "Foto: Fajar Nugroho/Warta",
		Body: `**MALANG, Warta** — Lima siswa SMK Teknik Bina Karya, Kota Malang, Jawa Timur, menjuarai Kontes Robot Pelajar Nasional yang berakhir di Surabaya, Sabtu lalu. Robot pemilah sampah buatan mereka, yang diberi nama Si Pilah, mengungguli 48 tim dari 21 provinsi dan berhak mewakili Indonesia di kompetisi tingkat Asia tahun depan.

Si Pilah bekerja dengan kamera dan sensor logam untuk memisahkan botol plastik, kaleng, dan kertas dari tumpukan sampah campuran. Dalam babak final, robot itu memilah 40 benda dalam tiga menit dengan ketepatan 95 persen.

![Robot beroda dengan lengan penjepit mengangkat botol plastik dari tumpukan sampah campuran](/media/demo/robotika-malang-2.jpg "Si Pilah memisahkan botol plastik dalam babak final. | Foto: Fajar Nugroho/Warta")

## Dari bengkel sekolah

Ketua tim, Rizky Maulana (17), mengatakan ide robot itu lahir dari masalah di kantin sekolah mereka sendiri. "Tempat sampah terpilah sudah ada, tapi isinya tetap campur. Kami berpikir, kalau orang malas memilah, biar robot yang memilah," ujarnya.

Tim mengerjakan robot itu selama lima bulan di bengkel sekolah, sering hingga malam. Sebagian besar komponen berasal dari barang bekas: rangka dari etalase aluminium, roda dari troli belanja, dan motor penggerak dari printer rusak. Total biaya pembuatan sekitar Rp3,2 juta, jauh di bawah rata-rata peserta lain.

Guru pembimbing, Bambang Sutrisno, menilai keterbatasan anggaran justru memaksa siswanya kreatif. "Anak-anak belajar bahwa rekayasa itu soal memecahkan masalah dengan apa yang ada, bukan soal membeli komponen paling mahal," katanya.

## Mencari sponsor

Untuk berangkat ke kompetisi tingkat Asia, tim membutuhkan biaya sekitar Rp85 juta untuk tiket, pengiriman robot, dan penyempurnaan perangkat. Pihak sekolah telah mengajukan permohonan dukungan kepada pemerintah kota dan beberapa perusahaan di Malang.

Kepala sekolah, Sri Handayani, berharap prestasi ini mendorong lebih banyak siswa perempuan masuk jurusan mekatronika. Dari lima anggota tim, dua di antaranya siswi. "Mereka membuktikan bahwa bengkel bukan hanya tempat anak laki-laki," ujarnya.`,
	},
	{
		Slug:     "koperasi-nelayan-brondong-resmikan-gudang-pendingin",
		Headline: "Koperasi Nelayan Brondong Resmikan Gudang Pendingin, Harga Ikan Lebih Stabil",
		Dek:      "Gudang berkapasitas 30 ton memungkinkan nelayan menahan hasil tangkapan saat harga jatuh, bukan menjualnya murah ke tengkulak.",
		Section:  "ekonomi",
		Authors:  []string{"ayu-lestari", "dimas-saputra"},
		Tags:     []string{"nelayan", "koperasi", "pesisir", "jawa-timur"},
		Age:      42 * time.Hour,
		Image:    "koperasi-nelayan",
		Alt:      "Nelayan mengangkat keranjang berisi ikan ke dalam gudang berdinding panel putih di tepi dermaga",
		Caption:  "Anggota Koperasi Mina Sejahtera menyimpan hasil tangkapan di gudang pendingin baru.",
		Credit:   "Foto: Dimas Saputra/Warta",
		Body: `**LAMONGAN, Warta** — Koperasi Mina Sejahtera di Kecamatan Brondong, Kabupaten Lamongan, Jawa Timur, meresmikan gudang pendingin berkapasitas 30 ton di kawasan pelabuhan perikanan setempat. Gudang senilai Rp2,4 miliar itu dibangun dari tabungan 320 anggota koperasi ditambah pinjaman lunak, dan mulai dipakai sejak pekan lalu.

Selama ini nelayan Brondong terpaksa langsung menjual hasil tangkapan begitu kapal bersandar, berapa pun harganya. Saat musim ikan melimpah, harga layang bisa jatuh dari Rp22.000 menjadi Rp9.000 per kilogram dalam sehari.

## Menahan ikan, menahan harga

Ketua koperasi, Abdul Rosyid (51), mengatakan gudang itu memberi nelayan pilihan untuk menunggu. "Dulu kalau ikan banyak, kami seperti dipaksa menyerah kepada tengkulak. Sekarang ikan bisa disimpan sampai seminggu, dijual ketika harga sudah naik lagi," katanya.

Anggota membayar sewa Rp500 per kilogram per hari. Koperasi juga membeli ikan anggota dengan harga dasar yang diumumkan setiap pagi di papan dermaga, sehingga nelayan yang butuh uang tunai tetap bisa menjual hari itu juga.

Menurut catatan koperasi, pada pekan pertama harga jual rata-rata anggota naik 18 persen dibandingkan pekan yang sama tahun lalu. Angka itu masih perlu diuji selama satu musim penuh, kata Rosyid, karena cuaca dan jumlah tangkapan sangat berubah-ubah.

## Listrik dan perawatan

Tantangan terbesar gudang pendingin adalah biaya listrik, yang mencapai Rp14 juta per bulan. Koperasi memasang panel surya di atap untuk menekan tagihan sekitar seperempatnya.

Siti Aminah (38), istri nelayan yang kini mengelola pembukuan gudang, mengatakan para anggota juga belajar hal baru. "Ikan yang masuk gudang harus dicatat, ditimbang, dan diberi label. Awalnya bapak-bapak malas, tapi setelah melihat uangnya, semua jadi rajin," ujarnya sambil tertawa.

Dinas Perikanan Lamongan berencana menjadikan gudang ini contoh bagi enam koperasi nelayan lain di pesisir utara kabupaten tersebut.`,
	},
	{
		Slug:     "nadia-kirana-juarai-kejurnas-bulu-tangkis-junior",
		Headline: "Nadia Kirana Juarai Kejurnas Bulu Tangkis Junior Setelah Rubber Game Ketat",
		Dek:      "Pemain 16 tahun asal Kudus itu bangkit dari kekalahan di gim kedua dan menang 21-17, 18-21, 21-15.",
		Section:  "olahraga",
		Authors:  []string{"bagus-hartono"},
		Tags:     []string{"bulu-tangkis", "atlet-muda", "jawa-tengah"},
		Age:      53 * time.Hour,
		Image:    "bulu-tangkis-kudus",
		Alt:      "Pemain bulu tangkis putri melompat melakukan smes di tengah lapangan bercahaya terang",
		Caption:  "Nadia Kirana melakukan smes pada gim ketiga partai final.",
		Credit:   "Foto: Bagus Hartono/Warta",
		Body: `**SURAKARTA, Warta** — Pebulu tangkis muda asal Kudus, Nadia Kirana, menjuarai nomor tunggal putri Kejuaraan Nasional Bulu Tangkis Junior di GOR Manahan, Surakarta, Minggu sore. Pemain berusia 16 tahun itu mengalahkan unggulan pertama, Putri Ayuningtyas dari Jakarta, dengan skor 21-17, 18-21, 21-15 dalam pertandingan selama 68 menit.

Nadia tampil tenang sejak awal. Ia memenangi gim pertama dengan mengandalkan permainan net yang rapat dan pengembalian silang ke sudut belakang. Namun, di gim kedua Putri mengubah pola dengan lebih banyak menyerang, dan Nadia tertinggal jauh hingga 9-16 sebelum kalah 18-21.

## Mengubah tempo

Pada gim ketiga, Nadia sengaja memperlambat tempo. Ia lebih sering melakukan lob tinggi untuk memaksa lawannya bergerak ke belakang, lalu menyerang ketika pengembalian Putri menjadi tanggung. Dari posisi 11-11, ia meraih enam angka beruntun.

"Di gim kedua saya terlalu terburu-buru ingin cepat selesai. Pelatih bilang, tarik napas, main panjang dulu, jangan takut reli," kata Nadia seusai pertandingan, masih memegang bendera klubnya.

Pelatih Nadia, Hendro Wibisono, mengatakan kemenangan itu hasil latihan fisik yang ditambah sejak tiga bulan lalu. "Anak ini tekniknya sudah bagus sejak kecil. Yang kami kejar tahun ini adalah daya tahan, supaya di gim ketiga kakinya masih kuat," ujarnya.

## Peluang ke pelatnas

Gelar ini membuka peluang Nadia dipanggil ke pemusatan latihan nasional kelompok junior. Tim pemantau bakat yang hadir di Manahan menyebut akan mengumumkan daftar pemain pilihan setelah seluruh rangkaian kejuaraan daerah selesai.

Putri Ayuningtyas mengakui keunggulan lawannya. "Dia lebih sabar hari ini. Saya harus belajar dari gim ketiga," katanya.

Di nomor tunggal putra, gelar juara diraih Galih Prakoso dari Bandung setelah mengalahkan Yoga Pratama dari Surabaya dua gim langsung, 21-14, 21-19.`,
	},
	{
		Slug:     "pasar-batik-setono-ramai-jelang-libur-sekolah",
		Headline: "Pasar Batik Setono Ramai Pembeli Jelang Libur Sekolah, Motif Pesisiran Paling Dicari",
		Dek:      "Perajin di Pekalongan menambah produksi hingga 40 persen. Batik cap dengan warna cerah laris di kalangan pembeli muda.",
		Section:  "budaya",
		Authors:  []string{"sekar-wulandari", "ayu-lestari"},
		Tags:     []string{"batik", "umkm", "tradisi", "jawa-tengah"},
		Age:      62 * time.Hour,
		Image:    "batik-pekalongan",
		Alt:      "Deretan kain batik berwarna cerah tergantung di kios, seorang pembeli membentangkan selembar kain",
		Caption:  "Pengunjung memilih kain batik di Pasar Grosir Setono, Pekalongan.",
		Credit:   "Foto: Sekar Wulandari/Warta",
		Body: `**PEKALONGAN, Warta** — Pasar Grosir Batik Setono di Kota Pekalongan, Jawa Tengah, dipadati pembeli dalam sepekan terakhir menjelang libur sekolah. Pengelola pasar mencatat jumlah pengunjung naik dari rata-rata 3.000 menjadi sekitar 5.500 orang per hari, sebagian besar rombongan wisata dari Jawa Barat dan Jakarta.

Motif pesisiran dengan warna-warna cerah, seperti buketan bunga dan burung hong, menjadi yang paling dicari. Kain batik cap berukuran dua meter dijual mulai Rp85.000, sedangkan batik tulis halus bisa mencapai jutaan rupiah.

## Perajin menambah produksi

Harjono (58), perajin batik dari Kampung Kauman yang memiliki kios di Setono, mengatakan ia menambah produksi hingga 40 persen sejak sebulan lalu. "Sekarang ada delapan pembatik yang lembur sampai magrib. Pesanan seragam kantor dan sekolah juga datang bersamaan," katanya.

Menurut Harjono, pembeli muda semakin tertarik mengetahui proses pembuatan batik. Beberapa rombongan bahkan meminta mencoba mencanting sendiri di bengkelnya.

![Seorang pembatik perempuan menorehkan malam dengan canting di atas kain yang dibentangkan](/media/demo/batik-pekalongan-2.jpg "Pembatik menorehkan malam di bengkel batik Kampung Kauman. | Foto: Sekar Wulandari/Warta")

## Batik printing jadi tantangan

Di balik keramaian, perajin mengeluhkan banjir kain bermotif batik hasil cetak pabrik yang dijual jauh lebih murah. Ketua paguyuban pedagang Setono, Nur Hidayah, mengatakan banyak pembeli tidak bisa membedakan batik asli dan kain bermotif batik.

"Kami tidak melarang orang menjual kain printing, tapi labelnya harus jujur. Pembeli berhak tahu apa yang mereka bayar," ujarnya. Paguyuban kini memasang papan penjelasan di pintu masuk pasar tentang cara membedakan batik tulis, batik cap, dan kain cetak.

Pemerintah kota berencana menggelar pekan batik pada akhir libur sekolah, dengan demonstrasi membatik dan pameran motif klasik dari koleksi para perajin lama. Pengelola pasar juga akan memperpanjang jam buka hingga pukul 20.00 selama musim libur.`,
	},
	{
		Slug:     "status-gunung-slamet-turun-ke-normal",
		Headline: "Status Gunung Slamet Turun ke Normal, Pendaki Kembali Diizinkan Naik",
		Dek:      "Aktivitas kegempaan menurun selama tiga pekan berturut-turut. Jalur pendakian dibuka bertahap dengan kuota harian.",
		Section:  "nasional",
		Authors:  []string{"dimas-saputra"},
		Tags:     []string{"gunung-api", "bencana", "jawa-tengah"},
		Age:      74 * time.Hour,
		Image:    "gunung-slamet",
		Alt:      "Puncak gunung berselimut kabut tipis di atas hamparan kebun sayur dan rumah-rumah penduduk",
		Caption:  "Gunung Slamet terlihat dari Desa Gunung Malang, Pemalang.",
		Credit:   "Ilustrasi: Warta",
		Body: `**PURBALINGGA, Warta** — Status aktivitas Gunung Slamet di Jawa Tengah diturunkan dari Waspada (Level II) menjadi Normal (Level I) mulai Selasa pukul 12.00. Keputusan itu diambil setelah jumlah gempa vulkanik dan embusan asap dari kawah menurun selama tiga pekan berturut-turut, menurut laporan pos pengamatan gunung api di Desa Gambuhan, Pemalang.

Petugas pos pengamatan, Slamet Riyadi, mengatakan dalam sepekan terakhir hanya tercatat empat kali gempa vulkanik dalam, dibandingkan lebih dari 60 kali pada puncak aktivitas dua bulan lalu. Tinggi asap kawah pun kini tidak lebih dari 100 meter.

"Data kegempaan, deformasi, dan gas menunjukkan tren yang sama. Tetapi Normal bukan berarti tanpa risiko. Gunung api tetap gunung api," ujar Slamet.

## Pendakian dibuka bertahap

Dengan penurunan status ini, pengelola kawasan membuka kembali jalur pendakian Bambangan di Purbalingga mulai akhir pekan. Pendakian dibatasi 300 orang per hari dan hanya sampai Pos 9 selama dua minggu pertama; puncak belum boleh didaki.

Koordinator jalur Bambangan, Teguh Wiyono, mengatakan pendaki wajib mendaftar secara daring dan membawa surat keterangan sehat. "Kami juga akan memeriksa perlengkapan di basecamp. Yang tidak membawa jaket tebal dan senter tidak akan kami izinkan naik," katanya.

## Warga lega

Bagi warga lereng, penurunan status berarti kembalinya pendapatan. Selama status Waspada, sebagian besar warung dan jasa ojek di sekitar basecamp sepi.

Karsiti (45), pemilik warung makan di dekat gerbang pendakian, mengatakan penghasilannya turun lebih dari separuh dalam dua bulan terakhir. "Alhamdulillah, sekarang bisa buka lagi seperti biasa. Tapi kami tetap pasang radio untuk mendengar kabar dari pos pengamatan," ujarnya.

Badan penanggulangan bencana setempat meminta warga tetap memperhatikan informasi resmi dan tidak mudah percaya kabar di media sosial. Jalur evakuasi dan titik kumpul di desa-desa lereng tetap dipertahankan.`,
	},
	{
		Slug:     "startup-yogyakarta-kembangkan-sensor-sawah-murah",
		Headline: "Startup Yogyakarta Kembangkan Sensor Sawah Murah, Raih Pendanaan Rp12 Miliar",
		Dek:      "Alat seharga Rp450.000 mengirim kadar air dan suhu lahan ke ponsel petani lewat pesan singkat.",
		Section:  "teknologi",
		Authors:  []string{"fajar-nugroho", "ayu-lestari"},
		Tags:     []string{"startup", "pertanian", "yogyakarta"},
		Age:      92 * time.Hour,
		Image:    "sensor-sawah",
		Alt:      "Tiang kecil berpanel surya tertancap di pematang sawah hijau, seorang petani memegang ponsel di sebelahnya",
		Caption:  "Sensor Petakita terpasang di sawah di Kecamatan Sleman.",
		Credit:   "Foto: Fajar Nugroho/Warta",
		Body: `**YOGYAKARTA, Warta** — Perusahaan rintisan asal Yogyakarta, Petakita, memperoleh pendanaan Rp12 miliar dari sekelompok investor dalam negeri untuk memperluas penggunaan sensor sawah berbiaya rendah. Alat itu mengukur kadar air tanah, suhu, dan kelembapan, lalu mengirimkan ringkasannya ke ponsel petani setiap pagi melalui pesan singkat.

Salah satu pendiri Petakita, Anindya Puspitasari, mengatakan sejak awal timnya merancang alat untuk petani yang tidak memakai ponsel pintar. "Banyak petani kita memegang ponsel biasa. Jadi kami kirim pesan singkat yang sederhana: hari ini sawah perlu air atau tidak," ujarnya di kantor mereka di kawasan Kaliurang.

## Menghemat air dan pupuk

Sensor seharga Rp450.000 itu ditenagai panel surya kecil dan mampu bertahan dua musim tanam. Satu sensor cukup untuk sekitar setengah hektare lahan. Saat ini sekitar 1.800 unit terpasang di Sleman, Bantul, dan Klaten.

Menurut data uji coba perusahaan pada musim tanam lalu, petani yang mengikuti rekomendasi pengairan menghemat air irigasi hingga 20 persen tanpa penurunan hasil panen. Data itu, kata Anindya, masih perlu diuji oleh peneliti independen sebelum bisa diklaim berlaku luas.

Suyatno (61), petani di Kecamatan Minggir, Sleman, mengaku awalnya ragu. "Saya pikir, sawah kok pakai alat. Tapi ternyata pesannya berguna, apalagi waktu kemarau. Saya jadi tahu kapan harus antre air di saluran," katanya.

## Rencana ekspansi

Dana segar akan digunakan untuk membangun pabrik perakitan kecil di Bantul dan memperluas jangkauan ke Jawa Timur dan Sulawesi Selatan. Petakita menargetkan 10.000 sensor terpasang dalam dua tahun.

Model bisnisnya bergantung pada kemitraan dengan kelompok tani dan koperasi, yang membeli sensor secara kolektif dan membayar langganan Rp15.000 per bulan. Anindya mengakui tantangan terbesar bukan teknologi, melainkan kepercayaan. "Petani percaya pada tetangga, bukan pada brosur. Karena itu kami melatih petani penggerak di setiap desa," katanya.`,
	},
	{
		Slug:     "dprd-surabaya-soroti-anggaran-drainase",
		Headline: "DPRD Surabaya Soroti Anggaran Drainase dalam Rapat Pembahasan Rancangan APBD",
		Dek:      "Anggota dewan meminta porsi pengendalian banjir dinaikkan, sementara pemkot menyebut belanja pegawai tak bisa ditekan lagi.",
		Section:  "nasional",
		Authors:  []string{"rina-pertiwi"},
		Tags:     []string{"anggaran", "banjir", "layanan-publik", "jawa-timur"},
		Age:      109 * time.Hour,
		Image:    "apbd-surabaya",
		Alt:      "Ruang rapat dewan dengan meja berbentuk tapal kuda, anggota dewan mendengarkan paparan di layar",
		Caption:  "Rapat badan anggaran DPRD Kota Surabaya membahas rancangan APBD.",
		Credit:   "Ilustrasi: Warta",
		Body: `**SURABAYA, Warta** — Rapat pembahasan rancangan Anggaran Pendapatan dan Belanja Daerah (APBD) Kota Surabaya untuk tahun depan di gedung DPRD, Kamis, diwarnai perdebatan soal anggaran drainase. Sejumlah anggota badan anggaran menilai alokasi Rp610 miliar untuk pengendalian banjir terlalu kecil dibandingkan meluasnya genangan pada musim hujan lalu.

Rancangan APBD yang diajukan pemerintah kota bernilai Rp11,3 triliun, naik 4 persen dari tahun berjalan. Belanja pegawai menyerap sekitar 31 persen, sedangkan belanja modal untuk infrastruktur 22 persen.

## Genangan di kawasan barat

Anggota badan anggaran, Maria Tanjung, membawa data pengaduan warga yang menunjukkan genangan di kawasan Surabaya barat meningkat hampir dua kali lipat dalam tiga tahun. "Perumahan baru terus tumbuh, tetapi saluran primernya tidak ikut dilebarkan. Ini bukan soal hujan yang lebih deras saja, ini soal perencanaan," katanya dalam rapat.

Ia mengusulkan tambahan Rp150 miliar untuk pelebaran saluran dan pembangunan dua rumah pompa baru, yang dananya bisa diambil dari pos belanja perjalanan dinas dan kegiatan seremonial.

## Jawaban pemerintah kota

Kepala badan perencanaan pembangunan daerah, Hari Santoso, mengatakan pemerintah kota memahami kekhawatiran tersebut, tetapi ruang fiskal terbatas. Menurut dia, sebagian besar proyek saluran juga memerlukan pembebasan lahan yang memakan waktu lebih dari satu tahun anggaran.

"Kami tidak menolak tambahan, tetapi harus realistis. Kalau anggaran dinaikkan sementara lahannya belum siap, uangnya hanya akan menjadi sisa lebih di akhir tahun," ujar Hari.

Rapat memutuskan membentuk tim kecil yang terdiri atas anggota badan anggaran dan dinas teknis untuk menyisir ulang daftar proyek drainase yang lahannya sudah siap. Hasilnya akan dibawa ke rapat berikutnya pekan depan.

Forum warga pemerhati anggaran yang mengikuti rapat dari balkon meminta agar daftar proyek itu dibuka kepada publik. "Warga berhak tahu saluran mana yang akan diperbaiki dan kapan," kata koordinatornya, Lukas Hendrawan.`,
	},
	{
		Slug:     "ribuan-warga-ikuti-sedekah-laut-di-cilacap",
		Headline: "Ribuan Warga Ikuti Sedekah Laut di Pantai Teluk Penyu Cilacap",
		Dek:      "Nelayan melarung jolen berisi hasil bumi sebagai ungkapan syukur. Tahun ini panitia melarang sesaji berbungkus plastik.",
		Section:  "budaya",
		Authors:  []string{"sekar-wulandari", "dimas-saputra"},
		Tags:     []string{"tradisi", "nelayan", "pesisir", "jawa-tengah"},
		Age:      126 * time.Hour,
		Image:    "sedekah-laut",
		Alt:      "Perahu-perahu nelayan berhias bendera warna-warni berlayar beriringan di laut yang tenang",
		Caption:  "Iring-iringan perahu membawa jolen ke tengah laut di Teluk Penyu.",
		Credit:   "Foto: Dimas Saputra/Warta",
		Body: `**CILACAP, Warta** — Ribuan warga memadati Pantai Teluk Penyu, Kabupaten Cilacap, Jawa Tengah, untuk mengikuti upacara adat sedekah laut, Jumat pagi. Puluhan perahu nelayan berhias bendera warna-warni mengiringi jolen, tandu berisi hasil bumi dan kepala kerbau, yang dilarung ke tengah laut sebagai ungkapan syukur atas rezeki dari laut selama setahun.

Prosesi diawali kirab dari pendapa kabupaten menuju pantai sejauh tiga kilometer. Penari, kelompok musik kentongan, dan barisan nelayan dengan pakaian adat berjalan di depan jolen, ditonton warga yang berjejer di sepanjang jalan.

![Barisan penari berkain jarik berjalan di depan tandu berhias janur dalam kirab menuju pantai](/media/demo/sedekah-laut-2.jpg "Kirab jolen dari pendapa kabupaten menuju Pantai Teluk Penyu. | Foto: Sekar Wulandari/Warta")

## Tradisi yang terus bergeser

Sesepuh nelayan setempat, Mbah Darsono (74), mengatakan sedekah laut sudah ia ikuti sejak masih kanak-kanak. Menurut dia, maknanya tetap sama meski bentuknya berubah. "Dulu yang ikut hanya nelayan. Sekarang anak-anak sekolah, wisatawan, semuanya ikut. Yang penting orang ingat bahwa laut itu harus dijaga, bukan hanya diambil," ujarnya.

Tahun ini panitia untuk pertama kalinya melarang sesaji yang dibungkus plastik. Semua wadah menggunakan anyaman bambu dan daun pisang. Ketua panitia, Wagino, menyebut keputusan itu diambil setelah tahun lalu banyak sampah plastik terdampar kembali ke pantai beberapa hari setelah upacara.

"Kami bersyukur kepada laut, masa laut kami kotori," kata Wagino.

## Penggerak ekonomi

Bagi pedagang di kawasan pantai, sedekah laut adalah salah satu hari tersibuk dalam setahun. Penjual ikan bakar dan kerajinan kerang mengaku omzet mereka naik tiga kali lipat dibandingkan hari biasa.

Dinas pariwisata setempat mencatat sekitar 15.000 pengunjung datang selama rangkaian acara dua hari, termasuk pentas wayang kulit semalam suntuk di tempat pelelangan ikan. Pemerintah kabupaten berencana memasukkan sedekah laut ke kalender wisata provinsi mulai tahun depan.`,
	},
	{
		Slug:     "kasus-demam-berdarah-naik-kendal-gelar-gerakan-3m-plus",
		Headline: "Kasus Demam Berdarah Naik, Kendal Gelar Gerakan Serentak 3M Plus",
		Dek:      "Dinas kesehatan mencatat 214 kasus dalam sebulan. Kader jumantik memeriksa jentik di 40.000 rumah dalam sepekan.",
		Section:  "nasional",
		Authors:  []string{"rina-pertiwi", "fajar-nugroho"},
		Tags:     []string{"kesehatan", "layanan-publik", "jawa-tengah"},
		Age:      160 * time.Hour,
		Image:    "dbd-kendal",
		Alt:      "Kader kesehatan berompi menyorotkan senter ke dalam bak mandi di sebuah rumah warga",
		Caption:  "Kader juru pemantau jentik memeriksa bak mandi warga di Kecamatan Kaliwungu.",
		Credit:   "Foto: Rina Pertiwi/Warta",
		Body: `**KENDAL, Warta** — Dinas Kesehatan Kabupaten Kendal, Jawa Tengah, menggelar gerakan serentak pemberantasan sarang nyamuk setelah kasus demam berdarah dengue (DBD) melonjak. Dalam sebulan terakhir tercatat 214 kasus, hampir tiga kali lipat dibandingkan bulan yang sama tahun lalu, dengan dua pasien anak meninggal dunia.

Gerakan yang dimulai Sabtu ini melibatkan sekitar 2.000 kader juru pemantau jentik (jumantik) yang akan memeriksa 40.000 rumah dalam sepekan. Warga diminta menjalankan 3M Plus: menguras, menutup, dan mendaur ulang wadah air, ditambah memakai kelambu dan obat antinyamuk.

## Jentik di tempat tak terduga

Kepala Dinas Kesehatan Kendal, dr. Ratna Kusumawati, mengatakan hasil pemeriksaan awal menunjukkan jentik paling banyak ditemukan bukan di bak mandi, melainkan di tempat yang jarang diperhatikan. "Dispenser air minum, tatakan pot bunga, talang yang tersumbat, dan ban bekas di halaman. Itu yang sering luput," ujarnya.

Ratna menegaskan pengasapan atau fogging bukan solusi utama. Pengasapan hanya membunuh nyamuk dewasa, sementara jentik di dalam air tetap hidup dan akan menjadi nyamuk baru dalam sepekan.

## Kader dari rumah ke rumah

Di Kelurahan Kutoharjo, Kecamatan Kaliwungu, kader jumantik Sri Wahyuni (47) berkeliling membawa senter dan buku catatan. Dalam dua jam pagi itu, ia memeriksa 23 rumah dan menemukan jentik di tujuh di antaranya.

"Warga kadang tersinggung, merasa rumahnya dianggap kotor. Saya jelaskan pelan-pelan, jentik itu bukan soal kotor atau bersih, tapi soal air yang menggenang," kata Sri.

Dinas kesehatan juga meminta orang tua segera membawa anak ke puskesmas bila demam tinggi tidak turun dalam dua hari, terutama jika disertai nyeri perut, muntah, atau bintik merah di kulit. Menurut Ratna, kedua pasien anak yang meninggal terlambat dibawa ke fasilitas kesehatan.

Puskesmas di seluruh kabupaten membuka layanan pemeriksaan darah tanpa biaya bagi pasien dengan gejala DBD selama masa gerakan serentak.`,
	},
	{
		Slug:     "perpustakaan-desa-di-wonosobo-jadi-ruang-belajar-anak",
		Headline: "Perpustakaan Desa di Wonosobo Jadi Ruang Belajar Anak Sepulang Sekolah",
		Dek:      "Berawal dari 200 buku sumbangan di teras rumah, Pustaka Sindoro kini dikunjungi 60 anak setiap sore.",
		Section:  "budaya",
		Authors:  []string{"sekar-wulandari"},
		Tags:     []string{"literasi", "pendidikan", "anak", "jawa-tengah"},
		Age:      190 * time.Hour,
		Image:    "perpustakaan-wonosobo",
		Alt:      "Anak-anak duduk bersila di lantai kayu membaca buku, rak-rak buku berjajar di dinding",
		Caption:  "Anak-anak membaca di Pustaka Sindoro, Desa Tlogomulyo, Wonosobo.",
		Credit:   "Foto: Sekar Wulandari/Warta",
		Body: `**WONOSOBO, Warta** — Setiap pukul tiga sore, lantai kayu di sebuah bangunan sederhana di Desa Tlogomulyo, Kabupaten Wonosobo, Jawa Tengah, mulai dipenuhi anak-anak. Mereka datang sepulang sekolah untuk membaca, mengerjakan tugas, atau sekadar mendengarkan dongeng di Pustaka Sindoro, perpustakaan desa yang kini memiliki lebih dari 4.000 judul buku.

Perpustakaan itu dirintis lima tahun lalu oleh Wulan Sari (34), guru honorer di desa tersebut, dengan 200 buku sumbangan yang dipajang di teras rumahnya. "Awalnya hanya anak tetangga yang datang. Mereka membaca buku yang sama berulang-ulang karena memang tidak ada bacaan lain," kenangnya.

## Dari teras ke bangunan sendiri

Dua tahun lalu, pemerintah desa menyediakan bekas gudang koperasi untuk perpustakaan, dan warga bergotong royong memperbaikinya. Dana desa dipakai untuk membeli rak, karpet, dan lampu, sedangkan buku terus berdatangan dari donatur di berbagai kota.

Kepala Desa Tlogomulyo, Parjono, mengatakan perpustakaan kini menjadi salah satu program desa yang paling dirasakan manfaatnya. "Orang tua yang bekerja di kebun sampai sore tenang, karena tahu anaknya ada di tempat yang aman dan berguna," ujarnya.

Setiap sore rata-rata 60 anak berkunjung. Relawan, sebagian besar mahasiswa yang pulang kampung dan ibu-ibu PKK, bergantian menemani anak membaca dan membantu pekerjaan rumah.

## Lebih dari sekadar buku

Pustaka Sindoro juga menggelar kelas menulis setiap Sabtu. Karya anak-anak, berupa cerita pendek tentang kehidupan di lereng gunung, dikumpulkan dan dicetak sederhana menjadi buku kecil yang dipajang di rak khusus.

Nayla (11), salah satu pengunjung tetap, sudah menulis tiga cerita. "Aku menulis tentang nenek yang memetik teh dan kucing yang suka tidur di tungku," katanya malu-malu.

Wulan berharap perpustakaan serupa tumbuh di desa-desa lain. Menurut dia, kuncinya bukan jumlah buku, melainkan ada orang dewasa yang mau menemani anak membaca. "Buku yang bagus tidak ada artinya kalau tidak ada yang membukanya bersama anak," ujarnya.`,
	},
	{
		Slug:     "bahari-tegal-tundukkan-brebes-raya-di-derbi-pantura",
		Headline: "Bahari Tegal Tundukkan Brebes Raya 2-1 di Derbi Pantura",
		Dek:      "Gol sundulan Arif Setiabudi pada menit ke-87 memastikan kemenangan tuan rumah di hadapan 12.000 penonton.",
		Section:  "olahraga",
		Authors:  []string{"bagus-hartono"},
		Tags:     []string{"sepak-bola", "suporter", "jawa-tengah"},
		Age:      228 * time.Hour,
		// Derby reports draw rival supporters into the comments; the desk
		// keeps this one closed, which also shows the closed state in the demo.
		CommentsClosed: true,
		Image:          "derbi-pantura",
		Alt:            "Pemain berkaus biru melompat menyundul bola di depan gawang, disaksikan tribun penonton yang penuh",
		Caption:        "Arif Setiabudi mencetak gol kemenangan Bahari Tegal pada menit ke-87.",
		Credit:         "Foto: Bagus Hartono/Warta",
		Body: `**TEGAL, Warta** — Bahari Tegal FC mengalahkan rival sekawasannya, Brebes Raya, dengan skor 2-1 dalam derbi Pantura lanjutan kompetisi Liga Nusantara di Stadion Yos Sudarso, Tegal, Minggu malam. Gol sundulan Arif Setiabudi pada menit ke-87 memastikan tiga poin bagi tuan rumah di hadapan sekitar 12.000 penonton.

Kemenangan ini membawa Bahari naik ke peringkat ketiga klasemen sementara Grup B dengan 17 poin dari sembilan pertandingan. Brebes Raya tertahan di posisi keenam dengan 11 poin.

## Jalannya pertandingan

Brebes Raya justru unggul lebih dulu melalui tendangan bebas Yusuf Hamdani pada menit ke-23. Bola melengkung melewati pagar hidup dan masuk ke pojok kiri gawang yang dijaga Dimas Anggara.

Bahari menyamakan kedudukan lima menit setelah jeda. Umpan silang dari sisi kanan gagal dihalau sempurna oleh bek Brebes, dan gelandang muda Rafi Kurniawan menyambarnya dengan tendangan keras dari luar kotak penalti.

Pertandingan berlangsung keras. Wasit mengeluarkan tujuh kartu kuning, dan laga sempat terhenti tiga menit pada babak kedua karena penonton menyalakan suar di tribun utara. Panitia pelaksana akhirnya meminta aparat keamanan menertibkan tribun sebelum pertandingan dilanjutkan.

## Gol di ujung laga

Ketika pertandingan tampaknya akan berakhir imbang, Bahari mendapat sepak pojok. Arif, bek tengah berusia 30 tahun yang baru masuk sebagai pemain pengganti, melompat paling tinggi dan menanduk bola ke tiang jauh.

"Pelatih memasukkan saya untuk bola-bola mati. Saya cuma menjalankan tugas," kata Arif seusai laga, disambut tepuk tangan rekan-rekannya di ruang ganti.

Pelatih Bahari, Eko Purnomo, memuji kesabaran timnya. "Tertinggal di derbi itu berat secara mental. Anak-anak tidak panik, tetap memainkan bola dari bawah," ujarnya.

Pelatih Brebes Raya, Samsul Huda, menyesalkan kelengahan timnya dalam situasi bola mati. "Kami sudah berlatih menghadapi sepak pojok sepanjang pekan, tapi satu kali lengah langsung dihukum," katanya. Brebes Raya akan menjamu pemuncak klasemen pekan depan.`,
	},
}
