<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>Complaint</name>
    <message>
        <source>Pelayanan surat</source>
        <translation>Letter service</translation>
    </message>
    <message>
        <source>Sikap petugas</source>
        <translation>Staff behaviour</translation>
    </message>
    <message>
        <source>Pungutan/biaya</source>
        <translation>Fees / charges</translation>
    </message>
    <message>
        <source>Sarana dan anjungan</source>
        <translation>Facilities and kiosk</translation>
    </message>
    <message>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Diproses</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ComplaintAnswerScreen</name>
    <message>
        <source>Jawaban pengaduan %1</source>
        <translation>Answer to complaint %1</translation>
    </message>
    <message>
        <source>Menanyakan ke kantor kecamatan…</source>
        <translation>Asking the sub-district office…</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>%1, disampaikan %2</source>
        <translation>%1, filed %2</translation>
    </message>
    <message>
        <source>Jawaban (%1):</source>
        <translation>Answer (%1):</translation>
    </message>
    <message>
        <source>Belum ada jawaban. Pengaduan Anda sedang ditangani; coba lagi beberapa hari lagi.</source>
        <translation>No answer yet. Your complaint is being handled; try again in a few days.</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ComplaintScreen</name>
    <message>
        <source>Pengaduan Anda sudah tercatat</source>
        <translation>Your complaint has been recorded</translation>
    </message>
    <message>
        <source>Sampaikan pengaduan</source>
        <translation>File a complaint</translation>
    </message>
    <message>
        <source>Ambil slip pengaduan di bawah layar dan simpan baik-baik.</source>
        <translation>Take the complaint slip below the screen and keep it safe.</translation>
    </message>
    <message>
        <source>Pengaduan dibaca oleh kasi pelayanan dan camat. NIK dan nomor HP boleh dikosongkan.</source>
        <translation>Complaints are read by the head of services and the sub-district head. NIK and phone number may be left empty.</translation>
    </message>
    <message>
        <source>Tentang apa?</source>
        <translation>What is it about?</translation>
    </message>
    <message>
        <source>Isi pengaduan (paling banyak %1 huruf)</source>
        <translation>Your complaint (at most %1 characters)</translation>
    </message>
    <message>
        <source>Terlalu panjang: %1 dari %2 huruf.</source>
        <translation>Too long: %1 of %2 characters.</translation>
    </message>
    <message>
        <source>NIK (atau pindai KTP); kosongkan untuk mengadu tanpa nama</source>
        <translation>NIK (or scan your ID card); leave empty to complain anonymously</translation>
    </message>
    <message>
        <source>Nomor HP untuk jawaban lewat SMS</source>
        <translation>Mobile number for an answer by SMS</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kirim pengaduan</source>
        <translation>Send complaint</translation>
    </message>
    <message>
        <source>Slip dengan nomor pengaduan dicetak</source>
        <translation>A slip with the complaint number is printed</translation>
    </message>
    <message>
        <source>Nomor pengaduan</source>
        <translation>Complaint number</translation>
    </message>
    <message>
        <source>Jawaban dikirim lewat SMS ke nomor HP Anda. Anda juga dapat membacanya dengan memindai kode QR pada slip di anjungan desa mana pun di kecamatan ini.</source>
        <translation>The answer is sent by SMS to your phone. You can also read it by scanning the QR code on the slip at any village kiosk in this sub-district.</translation>
    </message>
    <message>
        <source>Baca jawabannya nanti dengan memindai kode QR pada slip di anjungan desa mana pun di kecamatan ini.</source>
        <translation>Read the answer later by scanning the QR code on the slip at any village kiosk in this sub-district.</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>Pemberitahuan data pribadi</source>
        <translation>Personal data notice</translation>
    </message>
    <message>
        <source>Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi</source>
        <translation>Under Law No. 27 of 2022 on Personal Data Protection</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data yang dicatat:&lt;/b&gt; NIK, nama, alamat, nomor HP (jika diisi) dan isian surat yang Anda pilih.&lt;br&gt;&lt;br&gt;&lt;b&gt;Untuk apa:&lt;/b&gt; hanya untuk membuat surat yang Anda minta dan mengabarkan kapan surat siap.&lt;br&gt;&lt;br&gt;&lt;b&gt;Siapa yang melihat:&lt;/b&gt; petugas desa dan kecamatan yang memproses surat Anda.&lt;br&gt;&lt;br&gt;&lt;b&gt;Berapa lama:&lt;/b&gt; di anjungan ini data disimpan terenkripsi dan dihapus 30 hari setelah surat diserahkan; arsip surat disimpan kantor sesuai aturan kearsipan.&lt;br&gt;&lt;br&gt;&lt;b&gt;Hak Anda:&lt;/b&gt; menanyakan, membetulkan, atau meminta penghapusan data kepada petugas kantor desa.</source>
        <translation>&lt;b&gt;What is recorded:&lt;/b&gt; your NIK, name, address, phone number (if given) and the answers for the letter you choose.&lt;br&gt;&lt;br&gt;&lt;b&gt;What for:&lt;/b&gt; only to make the letter you ask for and to tell you when it is ready.&lt;br&gt;&lt;br&gt;&lt;b&gt;Who sees it:&lt;/b&gt; the village and sub-district officers who process your letter.&lt;br&gt;&lt;br&gt;&lt;b&gt;How long:&lt;/b&gt; on this kiosk the data is stored encrypted and deleted 30 days after the letter is handed over; the office keeps the letter archive as the archiving rules require.&lt;br&gt;&lt;br&gt;&lt;b&gt;Your rights:&lt;/b&gt; ask about, correct, or ask for deletion of your data at the village office.</translation>
    </message>
    <message>
        <source>Tidak setuju</source>
        <translation>I do not agree</translation>
    </message>
    <message>
        <source>Kembali ke awal; tidak ada data yang disimpan</source>
        <translation>Back to the start; nothing is stored</translation>
    </message>
    <message>
        <source>Setuju dan lanjut</source>
        <translation>I agree, continue</translation>
    </message>
    <message>
        <source>Warga sudah menyetujui (pemberitahuan ini sudah dibacakan atau dibaca sendiri oleh warga)</source>
        <translation>The citizen agreed (this notice was read to them or they read it themselves)</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Permohonan Anda sudah tercatat</source>
        <translation>Your request has been recorded</translation>
    </message>
    <message>
        <source>Ambil tiket antrean Anda di bawah layar.</source>
        <translation>Take your queue ticket below the screen.</translation>
    </message>
    <message>
        <source>Nomor antrean</source>
        <translation>Queue number</translation>
    </message>
    <message>
        <source>Nomor registrasi: %1</source>
        <translation>Registration number: %1</translation>
    </message>
    <message numerus="yes">
        <source>Perkiraan selesai: %1 (%n hari kerja)</source>
        <translation>
            <numerusform>Expected ready: %1 (%n working day)</numerusform>
            <numerusform>Expected ready: %1 (%n working days)</numerusform>
        </translation>
    </message>
    <message>
        <source>Langkah berikutnya: bawa berkas bertanda ☐ ke petugas kantor desa. Cek status kapan saja dengan memindai kode QR pada tiket.</source>
        <translation>Next: bring the documents marked ☐ to the village office staff. Check the status any time by scanning the QR code on your ticket.</translation>
    </message>
    <message>
        <source>✓ %1: sudah dipindai</source>
        <translation>✓ %1: captured here</translation>
    </message>
    <message>
        <source>☐ %1: bawa aslinya</source>
        <translation>☐ %1: bring the original</translation>
    </message>
    <message>
        <source>Jam layanan: %1</source>
        <translation>Office hours: %1</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Prioritas: %1</source>
        <translation>Priority: %1</translation>
    </message>
    <message>
        <source>Perkiraan waktu tunggu: %1</source>
        <translation>Estimated wait: %1</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source>Isi data berikut. Sentuh kolom untuk mengetik dengan papan ketik di layar.</source>
        <translation>Fill in the details below. Touch a box to type with the on-screen keyboard.</translation>
    </message>
    <message>
        <source>Siapkan untuk dibawa ke kantor desa:</source>
        <translation>Bring these to the village office:</translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <source>Orang ke-%1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>+ Tambah orang</source>
        <translation>+ Add a person</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Serahkan surat %1</source>
        <translation>Hand over letter %1</translation>
    </message>
    <message>
        <source>Atas nama %1</source>
        <translation>In the name of %1</translation>
    </message>
    <message>
        <source>KTP pengambil terpindai: NIK %1</source>
        <translation>Collector&apos;s KTP scanned: NIK %1</translation>
    </message>
    <message>
        <source>Pindai KTP pengambil, atau ketik NIK-nya di bawah.</source>
        <translation>Scan the collector&apos;s KTP, or type their NIK below.</translation>
    </message>
    <message>
        <source>Pemohon sendiri</source>
        <translation>The applicant in person</translation>
    </message>
    <message>
        <source>Diwakilkan</source>
        <translation>A representative</translation>
    </message>
    <message>
        <source>Nama wakil</source>
        <translation>Representative&apos;s name</translation>
    </message>
    <message>
        <source>NIK wakil</source>
        <translation>Representative&apos;s NIK</translation>
    </message>
    <message>
        <source>NIK pemohon</source>
        <translation>Applicant&apos;s NIK</translation>
    </message>
    <message>
        <source>Hubungan dengan pemohon</source>
        <translation>Relationship to the applicant</translation>
    </message>
    <message>
        <source>Serahkan dan cetak tanda terima</source>
        <translation>Hand over and print the receipt</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HelpNumberPanel</name>
    <message>
        <source>Konsultasi / bantuan petugas</source>
        <translation>Consultation / help from staff</translation>
    </message>
    <message>
        <source>Ambil nomor antrean untuk berbicara dengan petugas. Penyandang disabilitas dan ibu hamil dipanggil lebih dulu.</source>
        <translation>Take a queue number to talk to the staff. People with disabilities and pregnant women are called first.</translation>
    </message>
    <message>
        <source>Ambil nomor antrean</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <source>Prioritas: penyandang disabilitas</source>
        <translation>Priority: person with a disability</translation>
    </message>
    <message>
        <source>Prioritas: ibu hamil</source>
        <translation>Priority: pregnant woman</translation>
    </message>
    <message>
        <source>Nomor antrean</source>
        <translation>Queue number</translation>
    </message>
    <message>
        <source>Perkiraan waktu tunggu: %1</source>
        <translation>Estimated wait: %1</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Bantuan</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Cara memakai anjungan</source>
        <translation>How to use the kiosk</translation>
    </message>
    <message>
        <source>1. Sentuh &lt;b&gt;Ajukan Surat&lt;/b&gt;, setujui pemberitahuan data, lalu dekatkan barcode KTP ke pemindai atau ketik NIK.&lt;br&gt;2. Pilih surat yang Anda perlukan dan isi datanya dengan papan ketik di layar.&lt;br&gt;3. Periksa, lalu sentuh &lt;b&gt;Kirim&lt;/b&gt;. Ambil tiket antrean yang tercetak.&lt;br&gt;4. Serahkan berkas persyaratan ke petugas kantor desa. Surat diproses tanpa Anda perlu bolak-balik.&lt;br&gt;5. Pindai kode QR tiket di &lt;b&gt;Cek Status&lt;/b&gt; untuk melihat sampai mana surat Anda. Jika Anda mengisi nomor HP, Anda mendapat SMS saat surat siap.&lt;br&gt;&lt;br&gt;Butuh bantuan? Silakan minta tolong petugas di meja pelayanan. Layanan ini &lt;b&gt;gratis&lt;/b&gt;.</source>
        <translation>1. Touch &lt;b&gt;Request a letter&lt;/b&gt;, accept the data notice, then hold your ID card barcode to the scanner or type your NIK.&lt;br&gt;2. Choose the letter you need and fill in the details with the on-screen keyboard.&lt;br&gt;3. Check, then touch &lt;b&gt;Send&lt;/b&gt;. Take the queue ticket that prints.&lt;br&gt;4. Hand the required documents to the village office staff. Your letter is processed without you having to come back and forth.&lt;br&gt;5. Scan the ticket&apos;s QR code under &lt;b&gt;Check status&lt;/b&gt; to see how far your letter is. If you gave a phone number, you get an SMS when the letter is ready.&lt;br&gt;&lt;br&gt;Need help? Please ask the staff at the service desk. This service is &lt;b&gt;free&lt;/b&gt;.</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Identitas pemohon</source>
        <translation>Applicant identity</translation>
    </message>
    <message>
        <source>Pindai barcode pada KTP, atau ketik 16 angka NIK Anda.</source>
        <translation>Scan the barcode on your ID card (KTP), or type the 16 digits of your NIK.</translation>
    </message>
    <message>
        <source>NIK (16 angka)</source>
        <translation>NIK (16 digits)</translation>
    </message>
    <message>
        <source>NIK terbaca dari kartu.</source>
        <translation>NIK read from the card.</translation>
    </message>
    <message>
        <source>%1 dari 16 angka</source>
        <translation>%1 of 16 digits</translation>
    </message>
    <message>
        <source>Menurut NIK ini:</source>
        <translation>According to this NIK:</translation>
    </message>
    <message>
        <source>Tanggal lahir: %1</source>
        <translation>Date of birth: %1</translation>
    </message>
    <message>
        <source>Jenis kelamin: %1</source>
        <translation>Sex: %1</translation>
    </message>
    <message>
        <source>Kode wilayah: %1</source>
        <translation>Region code: %1</translation>
    </message>
    <message>
        <source>Ya, ini NIK saya</source>
        <translation>Yes, this is my NIK</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Masih di sini?</source>
        <translation>Still there?</translation>
    </message>
    <message numerus="yes">
        <source>Demi keamanan data Anda, layar akan kembali ke awal dalam %n detik dan isian dihapus.</source>
        <translation>
            <numerusform>To protect your data, the screen returns to the start in %n second and your answers are deleted.</numerusform>
            <numerusform>To protect your data, the screen returns to the start in %n seconds and your answers are deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message numerus="yes">
        <source>%n permohonan menunggu dikirim</source>
        <translation>
            <numerusform>%n request waiting to be sent</numerusform>
            <numerusform>%n requests waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>Ganti bahasa</source>
        <translation>Change language</translation>
    </message>
    <message>
        <source>Huruf biasa</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <source>Huruf besar</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Diisi petugas</source>
        <translation>Entered by staff</translation>
    </message>
    <message>
        <source>Meja petugas</source>
        <translation>Staff desk</translation>
    </message>
</context>
<context>
    <name>NumPad</name>
    <message>
        <source>Hapus satu angka</source>
        <translation>Delete one digit</translation>
    </message>
</context>
<context>
    <name>PriorityChoice</name>
    <message>
        <source>Prioritas (dipanggil lebih dulu):</source>
        <translation>Priority (called first):</translation>
    </message>
    <message>
        <source>Penyandang disabilitas</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <source>Ibu hamil</source>
        <translation>Pregnant woman</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 menit</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>QueueDeskPanel</name>
    <message>
        <source>Loket:</source>
        <translation>Counter:</translation>
    </message>
    <message>
        <source>Pilih loket Anda</source>
        <translation>Choose your counter</translation>
    </message>
    <message>
        <source>prioritas %1</source>
        <translation>priority %1</translation>
    </message>
    <message>
        <source>Belum ada nomor dipanggil</source>
        <translation>No number called yet</translation>
    </message>
    <message>
        <source>Menunggu: A (permohonan) %1 · B (pengambilan) %2 · C (bantuan) %3</source>
        <translation>Waiting: A (requests) %1 · B (pick-up) %2 · C (help) %3</translation>
    </message>
    <message>
        <source>Panggil berikutnya</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Panggil ulang</source>
        <translation>Call again</translation>
    </message>
    <message>
        <source>Lewati</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Alihkan ke loket %1</source>
        <translation>Transfer to counter %1</translation>
    </message>
    <message>
        <source>Tutup laporan</source>
        <translation>Close report</translation>
    </message>
    <message>
        <source>Laporan hari ini</source>
        <translation>Today&apos;s report</translation>
    </message>
    <message>
        <source>Loket %1 hari ini: %2 dilayani, %3 dilewati, median tunggu %4, median layanan %5</source>
        <translation>Counter %1 today: %2 served, %3 skipped, median wait %4, median service %5</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Periksa permohonan Anda</source>
        <translation>Check your request</translation>
    </message>
    <message>
        <source>Jika sudah benar, sentuh Kirim. Tiket antrean akan tercetak.</source>
        <translation>If everything is right, touch Send. Your queue ticket will print.</translation>
    </message>
    <message>
        <source>Ubah</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Kirim</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Surat</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
</context>
<context>
    <name>SealVerdict</name>
    <message>
        <source>ASLI</source>
        <translation>GENUINE</translation>
    </message>
    <message>
        <source>DICABUT</source>
        <translation>REVOKED</translation>
    </message>
    <message>
        <source>TIDAK DIKENAL</source>
        <translation>UNKNOWN</translation>
    </message>
    <message>
        <source>TIDAK VALID</source>
        <translation>NOT VALID</translation>
    </message>
    <message>
        <source>Surat asli dan tidak dicabut.</source>
        <translation>The letter is genuine and has not been revoked.</translation>
    </message>
    <message>
        <source>Kantor telah mencabut surat ini; surat tidak berlaku lagi.</source>
        <translation>The office has revoked this letter; it is no longer valid.</translation>
    </message>
    <message>
        <source>Jam anjungan salah (lebih awal dari daftar kunci terakhir); surat belum dapat diperiksa. Hubungi teknisi.</source>
        <translation>The kiosk's clock is wrong (earlier than its latest key list); the letter cannot be checked yet. Call the technician.</translation>
    </message>
    <message>
        <source>Anjungan tidak dapat memeriksa surat ini: kunci tanda tangannya tidak dikenal atau daftar kunci sudah terlalu lama.</source>
        <translation>The kiosk cannot check this letter: its signing key is unknown or the key list is too old.</translation>
    </message>
    <message>
        <source>Segel tidak cocok dengan surat; surat mungkin palsu atau rusak.</source>
        <translation>The seal does not match the letter; it may be forged or damaged.</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <source>Pilih surat yang Anda perlukan</source>
        <translation>Choose the letter you need</translation>
    </message>
    <message>
        <source>Daftar layanan belum tersedia: anjungan belum terhubung ke kantor kecamatan. Silakan hubungi petugas.</source>
        <translation>The list of services is not available yet: the kiosk has not reached the sub-district office. Please ask the staff.</translation>
    </message>
    <message>
        <source>Cari surat, misalnya: usaha, nikah, waris</source>
        <translation>Search, e.g. business, marriage, heirs</translation>
    </message>
    <message>
        <source>Tidak ada surat yang cocok. Coba kata lain.</source>
        <translation>No letter matches. Try another word.</translation>
    </message>
    <message numerus="yes">
        <source>perkiraan %n hari kerja</source>
        <translation>
            <numerusform>about %n working day</numerusform>
            <numerusform>about %n working days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffLoginScreen</name>
    <message>
        <source>Masuk petugas</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Halo, %1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <source>Ketik nama pengguna Anda, lalu masukkan PIN.</source>
        <translation>Type your username, then enter your PIN.</translation>
    </message>
    <message>
        <source>Masukkan PIN Anda.</source>
        <translation>Enter your PIN.</translation>
    </message>
    <message>
        <source>Pindai kartu petugas Anda.</source>
        <translation>Scan your staff card.</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Teknisi</source>
        <translation>Technician</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Surat siap dicetak</source>
        <translation>Letters ready to print</translation>
    </message>
    <message numerus="yes">
        <source>%n surat sudah ditandatangani dan siap diserahkan.</source>
        <translation>
            <numerusform>%n letter is signed and ready to hand over.</numerusform>
            <numerusform>%n letters are signed and ready to hand over.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n halaman dokumen belum terkirim ke kecamatan.</source>
        <translation>
            <numerusform>%n document page not yet sent to the kecamatan.</numerusform>
            <numerusform>%n document pages not yet sent to the kecamatan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Perhatian: %1</source>
        <translation>Attention: %1</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message numerus="yes">
        <source>%n tiket belum tercetak menurut catatan anjungan.</source>
        <translation>
            <numerusform>%n ticket has not printed according to the kiosk&apos;s records.</numerusform>
            <numerusform>%n tickets have not printed according to the kiosk&apos;s records.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sedang dicetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Cetak ulang</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>Batalkan</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Serahkan</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Cetak tiket yang hilang</source>
        <translation>Print lost tickets</translation>
    </message>
    <message>
        <source>Petugas: %1</source>
        <translation>Staff: %1</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Ambil %1</source>
        <translation>Pick-up %1</translation>
    </message>
    <message>
        <source>Buat permohonan untuk warga</source>
        <translation>Enter a request for a citizen</translation>
    </message>
    <message>
        <source>Untuk warga yang tidak bisa memakai anjungan</source>
        <translation>For a citizen who cannot use the kiosk</translation>
    </message>
    <message>
        <source>Buka permohonan: nomor registrasi, atau pindai kode QR tiket</source>
        <translation>Open a request: registration number, or scan the ticket's QR code</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Alasan pembatalan (tanpa data pribadi)</source>
        <translation>Reason for cancelling (no personal data)</translation>
    </message>
    <message>
        <source>Batalkan permohonan</source>
        <translation>Cancel the request</translation>
    </message>
    <message>
        <source>NIK pemohon (dari KTP warga)</source>
        <translation>Applicant&apos;s NIK (from the citizen&apos;s ID card)</translation>
    </message>
    <message>
        <source>Perbaiki</source>
        <translation>Fix</translation>
    </message>
    <message>
        <source>dikembalikan petugas</source>
        <translation>returned by the officer</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Menunggu dikirim ke kantor</source>
        <translation>Waiting to be sent to the office</translation>
    </message>
    <message>
        <source>Diterima sistem</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Diperiksa petugas desa</source>
        <translation>Being checked by the village office</translation>
    </message>
    <message>
        <source>Ditandatangani kepala desa</source>
        <translation>Signed by the village head</translation>
    </message>
    <message>
        <source>Diperiksa kasi pelayanan kecamatan</source>
        <translation>Being checked by the sub-district service section</translation>
    </message>
    <message>
        <source>Ditandatangani camat</source>
        <translation>Signed by the camat</translation>
    </message>
    <message>
        <source>Surat siap diambil di kantor desa</source>
        <translation>Letter ready for pick-up at the village office</translation>
    </message>
    <message>
        <source>Surat sudah diserahkan</source>
        <translation>Letter handed over</translation>
    </message>
    <message>
        <source>Perlu perbaikan</source>
        <translation>Needs correction</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Cek status surat</source>
        <translation>Check the status of a letter</translation>
    </message>
    <message>
        <source>Pindai kode QR pada tiket, atau ketik nomor registrasi (contoh: 7KQ2M-X9D4P).</source>
        <translation>Scan the QR code on your ticket, or type the registration number (e.g. 7KQ2M-X9D4P).</translation>
    </message>
    <message>
        <source>Nomor registrasi</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <source>Cek</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Atas nama %1</source>
        <translation>In the name of %1</translation>
    </message>
    <message>
        <source>Catatan petugas: %1</source>
        <translation>Officer&apos;s note: %1</translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Surat siap diambil</source>
        <translation>Your letter is ready for pick-up</translation>
    </message>
    <message>
        <source>Nomor pengambilan Anda (dicetak pada struk):</source>
        <translation>Your pick-up number (printed on the slip):</translation>
    </message>
</context>
<context>
    <name>Survey</name>
    <message>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Di bawah 20 tahun</source>
        <translation>Under 20</translation>
    </message>
    <message>
        <source>20–29 tahun</source>
        <translation>20–29 years</translation>
    </message>
    <message>
        <source>30–39 tahun</source>
        <translation>30–39 years</translation>
    </message>
    <message>
        <source>40–49 tahun</source>
        <translation>40–49 years</translation>
    </message>
    <message>
        <source>50–59 tahun</source>
        <translation>50–59 years</translation>
    </message>
    <message>
        <source>60 tahun ke atas</source>
        <translation>60 or older</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Pendidikan terakhir</source>
        <translation>Highest education</translation>
    </message>
    <message>
        <source>SD ke bawah</source>
        <translation>Primary school or less</translation>
    </message>
    <message>
        <source>SMP</source>
        <translation>Junior high school</translation>
    </message>
    <message>
        <source>SMA/SMK</source>
        <translation>Senior high school</translation>
    </message>
    <message>
        <source>D1–D3</source>
        <translation>Diploma (D1–D3)</translation>
    </message>
    <message>
        <source>D4/S1</source>
        <translation>Bachelor (D4/S1)</translation>
    </message>
    <message>
        <source>S2 ke atas</source>
        <translation>Master's or higher</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>PNS</source>
        <translation>Civil servant</translation>
    </message>
    <message>
        <source>TNI</source>
        <translation>Armed forces</translation>
    </message>
    <message>
        <source>Polri</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>Pegawai swasta</source>
        <translation>Private employee</translation>
    </message>
    <message>
        <source>Wirausaha</source>
        <translation>Self-employed</translation>
    </message>
    <message>
        <source>Petani/nelayan</source>
        <translation>Farmer / fisher</translation>
    </message>
    <message>
        <source>Pelajar/mahasiswa</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>SurveyScreen</name>
    <message>
        <source>Bagaimana pelayanan kami?</source>
        <translation>How was our service?</translation>
    </message>
    <message>
        <source>Sentuh wajah yang sesuai untuk setiap pertanyaan. Jawaban Anda tanpa nama.</source>
        <translation>Touch the face that fits for each question. Your answers are anonymous.</translation>
    </message>
    <message>
        <source>Tidak baik</source>
        <translation>Poor</translation>
    </message>
    <message>
        <source>Kurang baik</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>Baik</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>Sangat baik</source>
        <translation>Very good</translation>
    </message>
    <message>
        <source>Lewati</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Kirim penilaian</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <source>%1 dari 9 terjawab</source>
        <translation>%1 of 9 answered</translation>
    </message>
    <message>
        <source>Terima kasih sudah mengambil surat Anda. Petugas menunggu sebentar: penilaian ini milik Anda dan tanpa nama.</source>
        <translation>Thank you for collecting your letter. The staff will wait a moment: this rating is yours and anonymous.</translation>
    </message>
    <message>
        <source>Tentang Anda (boleh dilewati)</source>
        <translation>About you (may be skipped)</translation>
    </message>
    <message>
        <source>Saran untuk kami (paling banyak %1 huruf)</source>
        <translation>Your suggestion (at most %1 characters)</translation>
    </message>
    <message>
        <source>Terlalu panjang: %1 dari %2 huruf.</source>
        <translation>Too long: %1 of %2 characters.</translation>
    </message>
</context>
<context>
    <name>TextInputField</name>
    <message>
        <source>(boleh dikosongkan)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <source>HH-BB-TTTT, contoh 17-08-2025</source>
        <translation>DD-MM-YYYY, e.g. 17-08-2025</translation>
    </message>
</context>
<context>
    <name>VerifyScreen</name>
    <message>
        <source>Verifikasi surat</source>
        <translation>Verify a letter</translation>
    </message>
    <message>
        <source>Arahkan kode QR di pojok surat ke pemindai. Anjungan memeriksa tanda tangan elektroniknya tanpa internet.</source>
        <translation>Hold the QR code in the corner of the letter to the scanner. The kiosk checks its electronic signature without internet.</translation>
    </message>
    <message>
        <source>Status per %1</source>
        <translation>Status as of %1</translation>
    </message>
    <message>
        <source>Nomor surat</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <source>Jenis surat</source>
        <translation>Type of letter</translation>
    </message>
    <message>
        <source>Atas nama</source>
        <translation>In the name of</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Berlaku sampai</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Penandatangan</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Petugas dapat mencocokkan NIK pemegang surat:</source>
        <translation>Staff can check the holder&apos;s NIK against the letter:</translation>
    </message>
    <message>
        <source>NIK pemegang</source>
        <translation>Holder&apos;s NIK</translation>
    </message>
    <message>
        <source>Cocokkan</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Memeriksa NIK…</source>
        <translation>Checking the NIK…</translation>
    </message>
    <message>
        <source>NIK cocok dengan surat ini.</source>
        <translation>The NIK matches this letter.</translation>
    </message>
    <message>
        <source>NIK TIDAK cocok dengan surat ini.</source>
        <translation>The NIK does NOT match this letter.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Selamat datang di Anjungan Desa</source>
        <translation>Welcome to the village kiosk</translation>
    </message>
    <message>
        <source>Urus surat keterangan sendiri, tanpa antre lama. Sentuh salah satu pilihan.</source>
        <translation>Request village letters yourself, without a long queue. Touch one of the choices.</translation>
    </message>
    <message>
        <source>Ajukan Surat</source>
        <translation>Request a letter</translation>
    </message>
    <message>
        <source>Pindai KTP atau ketik NIK, pilih surat, dapatkan tiket antrean</source>
        <translation>Scan your ID or type your NIK, choose a letter, get a queue ticket</translation>
    </message>
    <message>
        <source>Cek Status</source>
        <translation>Check status</translation>
    </message>
    <message>
        <source>Pindai kode QR pada tiket atau ketik nomor registrasi</source>
        <translation>Scan the QR code on your ticket or type the registration number</translation>
    </message>
    <message>
        <source>Verifikasi Surat</source>
        <translation>Verify a letter</translation>
    </message>
    <message>
        <source>Periksa keaslian surat dari kode QR di surat</source>
        <translation>Check that a letter is genuine from its QR code</translation>
    </message>
    <message>
        <source>Bantuan</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Cara memakai anjungan dan bantuan petugas</source>
        <translation>How to use the kiosk, and help from staff</translation>
    </message>
    <message>
        <source>Dipanggil:</source>
        <translation>Now calling:</translation>
    </message>
    <message>
        <source>%1 → Loket %2</source>
        <translation>%1 → Counter %2</translation>
    </message>
    <message>
        <source>Konsultasi / bantuan</source>
        <translation>Consultation / help</translation>
    </message>
    <message>
        <source>Ambil nomor antrean untuk bertanya kepada petugas</source>
        <translation>Take a queue number to ask the staff</translation>
    </message>
    <message>
        <source>Beri Penilaian</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>Nilai pelayanan kami, tanpa nama</source>
        <translation>Rate our service, anonymously</translation>
    </message>
    <message>
        <source>Pengaduan</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Sampaikan keluhan; boleh tanpa nama</source>
        <translation>Tell us what went wrong; anonymous is fine</translation>
    </message>
</context>
<context>
    <name>devices::PayloadClassifier</name>
    <message>
        <source>Kode belum terbaca. Silakan pindai ulang dengan kode menghadap pemindai.</source>
        <translation>The code was not read. Please scan again with the code facing the scanner.</translation>
    </message>
    <message>
        <source>Maaf, kode ini terlalu panjang untuk anjungan. Silakan pindai KTP, tiket, atau surat Anda, atau minta bantuan petugas.</source>
        <translation>Sorry, this code is too long for the kiosk. Please scan your ID card, ticket or letter, or ask the staff for help.</translation>
    </message>
    <message>
        <source>Maaf, kode ini berisi karakter yang tidak dapat dibaca. Silakan pindai ulang atau minta bantuan petugas.</source>
        <translation>Sorry, this code contains characters that cannot be read. Please scan again or ask the staff for help.</translation>
    </message>
    <message>
        <source>Maaf, kode ini tidak dikenali. Silakan pindai KTP, tiket antrean, atau surat dari kantor desa.</source>
        <translation>Sorry, this code is not recognised. Please scan your ID card, queue ticket, or a letter from the village office.</translation>
    </message>
</context>
<context>
    <name>kiosk</name>
    <message>
        <source>Daftar petugas belum diterima dari kecamatan. Sambungkan anjungan ke jaringan dan tunggu sinkronisasi, lalu coba lagi.</source>
        <translation>The staff list has not arrived from the kecamatan yet. Connect the kiosk to the network, wait for it to sync, then try again.</translation>
    </message>
</context>
<context>
    <name>kiosk::ComplaintDesk</name>
    <message>
        <source>Pilih jenis pengaduan.</source>
        <translation>Choose what the complaint is about.</translation>
    </message>
    <message>
        <source>Tuliskan pengaduan Anda.</source>
        <translation>Write your complaint.</translation>
    </message>
    <message>
        <source>Pengaduan paling banyak %1 huruf. Persingkat tulisan Anda.</source>
        <translation>A complaint has at most %1 characters. Please shorten it.</translation>
    </message>
    <message>
        <source>Atau kosongkan NIK untuk mengadu tanpa nama.</source>
        <translation>Or leave the NIK empty to complain anonymously.</translation>
    </message>
    <message>
        <source>Nomor HP tidak dikenali. Tulis seperti 0812xxxxxxxx, atau kosongkan bila tidak perlu SMS.</source>
        <translation>The phone number is not recognised. Write it like 0812xxxxxxxx, or leave it empty if you need no SMS.</translation>
    </message>
    <message>
        <source>Pengaduan belum tersimpan. Coba sekali lagi; bila tetap gagal, sampaikan kepada petugas.</source>
        <translation>The complaint was not saved. Try once more; if it still fails, tell the staff.</translation>
    </message>
    <message>
        <source>Anjungan ini belum tersambung ke kantor kecamatan, jadi jawaban belum dapat dibaca di sini. Simpan slip Anda dan tanyakan kepada petugas.</source>
        <translation>This kiosk is not connected to the sub-district office, so the answer cannot be read here. Keep your slip and ask the staff.</translation>
    </message>
    <message>
        <source>Jawaban kantor kecamatan tidak terbaca. Coba lagi nanti atau tanyakan kepada petugas.</source>
        <translation>The sub-district office's answer could not be read. Try again later or ask the staff.</translation>
    </message>
    <message>
        <source>Pengaduan ini tidak ditemukan. Bila slip baru saja dicetak, pengaduan mungkin belum terkirim ke kecamatan: coba lagi beberapa saat lagi.</source>
        <translation>This complaint was not found. If the slip was printed just now, the complaint may not have reached the sub-district yet: try again in a while.</translation>
    </message>
    <message>
        <source>Slip ini dari kecamatan lain. Pindai di anjungan desa di kecamatan tempat Anda mengadu.</source>
        <translation>This slip is from another sub-district. Scan it at a village kiosk of the sub-district where you complained.</translation>
    </message>
    <message>
        <source>Kantor kecamatan belum dapat menjawab sekarang. Coba lagi nanti atau tanyakan kepada petugas.</source>
        <translation>The sub-district office cannot answer right now. Try again later or ask the staff.</translation>
    </message>
    <message>
        <source>Anjungan sedang tidak tersambung ke kantor kecamatan. Pengaduan Anda tetap tercatat; coba lagi nanti atau tanyakan kepada petugas.</source>
        <translation>The kiosk is not connected to the sub-district office right now. Your complaint stays recorded; try again later or ask the staff.</translation>
    </message>
</context>
<context>
    <name>kiosk::DeviceStatus</name>
    <message>
        <source>Printer tiket</source>
        <translation>Ticket printer</translation>
    </message>
    <message>
        <source>Printer surat</source>
        <translation>Letter printer</translation>
    </message>
    <message>
        <source>siap</source>
        <translation>ready</translation>
    </message>
</context>
<context>
    <name>kiosk::FormModel</name>
    <message>
        <source>Wajib diisi.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>Terlalu panjang (paling banyak %1 huruf).</source>
        <translation>Too long (at most %1 characters).</translation>
    </message>
    <message>
        <source>Isi dengan angka saja.</source>
        <translation>Digits only.</translation>
    </message>
    <message>
        <source>Harus %1 angka.</source>
        <translation>Must be %1 digits.</translation>
    </message>
    <message>
        <source>Harus %1 sampai %2 angka.</source>
        <translation>Must be %1 to %2 digits.</translation>
    </message>
    <message>
        <source>Angka terlalu besar (paling banyak %L1).</source>
        <translation>Number too large (at most %L1).</translation>
    </message>
    <message>
        <source>Nomor HP tidak dikenali. Contoh: 0812 3456 7890.</source>
        <translation>Phone number not recognised. Example: 0812 3456 7890.</translation>
    </message>
    <message>
        <source>Tulis tanggal sebagai HH-BB-TTTT, contoh 17-08-2025.</source>
        <translation>Write the date as DD-MM-YYYY, e.g. 17-08-2025.</translation>
    </message>
    <message>
        <source>Tanggal ini belum terjadi. Periksa lagi.</source>
        <translation>This date has not happened yet. Please check.</translation>
    </message>
    <message>
        <source>Tanggal ini sudah lewat. Periksa lagi.</source>
        <translation>This date has already passed. Please check.</translation>
    </message>
    <message>
        <source>Tahun tidak masuk akal. Periksa lagi.</source>
        <translation>The year does not look right. Please check.</translation>
    </message>
    <message>
        <source>Pilih salah satu pilihan.</source>
        <translation>Choose one of the options.</translation>
    </message>
    <message numerus="yes">
        <source>Isi paling sedikit %n orang.</source>
        <translation>
            <numerusform>Add at least %n person.</numerusform>
            <numerusform>Add at least %n people.</numerusform>
        </translation>
    </message>
    <message>
        <source>Periksa data orang ke-%1.</source>
        <translation>Check the details of person %1.</translation>
    </message>
    <message>
        <source>Tulis nama lengkap sesuai KTP.</source>
        <translation>Write your full name as on your ID card.</translation>
    </message>
    <message>
        <source>Tulis alamat lengkap (dusun, RT/RW).</source>
        <translation>Write your full address (hamlet, RT/RW).</translation>
    </message>
    <message>
        <source>Tulis untuk keperluan apa surat ini.</source>
        <translation>Write what the letter is for.</translation>
    </message>
    <message>
        <source>Nomor HP tidak dikenali. Contoh: 0812 3456 7890. Boleh dikosongkan.</source>
        <translation>Phone number not recognised. Example: 0812 3456 7890. You may leave it empty.</translation>
    </message>
</context>
<context>
    <name>kiosk::KioskAreas</name>
    <message>
        <source>Sentuh &quot;Ajukan Surat&quot; dan setujui pemberitahuan data dulu, lalu pindai KTP Anda.</source>
        <translation>Touch &quot;Request a letter&quot; and accept the data notice first, then scan your ID card.</translation>
    </message>
    <message>
        <source>NIK hanya dapat dipindai pada langkah identitas.</source>
        <translation>A NIK can only be scanned at the identity step.</translation>
    </message>
    <message>
        <source>Untuk cek status, selesaikan dulu atau batalkan langkah ini.</source>
        <translation>To check a status, finish or cancel this step first.</translation>
    </message>
    <message>
        <source>Untuk memeriksa surat, selesaikan dulu atau batalkan langkah ini.</source>
        <translation>To check a letter, finish or cancel this step first.</translation>
    </message>
    <message>
        <source>Untuk membaca jawaban pengaduan, selesaikan dulu atau batalkan langkah ini.</source>
        <translation>To read a complaint's answer, finish or cancel this step first.</translation>
    </message>
    <message>
        <source>Kode yang dipindai tidak dikenali. Pindai barcode KTP, kode QR pada tiket, pada surat, atau pada slip pengaduan.</source>
        <translation>The scanned code is not recognised. Scan the barcode of an ID card, or the QR code on a ticket, a letter or a complaint slip.</translation>
    </message>
    <message>
        <source>Kartu petugas tidak dipakai saat mengisi permohonan warga. Pindai KTP warga, atau selesaikan permohonan ini dulu.</source>
        <translation>A staff card is not used while entering a citizen's request. Scan the citizen's KTP, or finish this request first.</translation>
    </message>
</context>
<context>
    <name>kiosk::LetterRequest</name>
    <message>
        <source>%1 Permohonan Anda sudah tersimpan; catat nomor registrasi Anda. Tiket tercetak setelah printer siap.</source>
        <translation>%1 Your request is saved; note your registration number. The ticket prints once the printer is ready.</translation>
    </message>
    <message>
        <source>Tiket belum tercetak (%1). Catat nomor registrasi Anda dan beri tahu petugas.</source>
        <translation>The ticket has not printed (%1). Note your registration number and tell the staff.</translation>
    </message>
    <message>
        <source>Layanan ini belum tersedia di anjungan. Silakan pilih layanan lain.</source>
        <translation>This service is not available on the kiosk yet. Please choose another one.</translation>
    </message>
    <message>
        <source>Ada isian yang perlu diperbaiki. Lihat pesan merah di bawah kolomnya.</source>
        <translation>Some answers need fixing. See the red messages under the boxes.</translation>
    </message>
    <message>
        <source>Maaf, permohonan belum dapat disimpan. Silakan hubungi petugas.</source>
        <translation>Sorry, your request could not be saved. Please ask the staff.</translation>
    </message>
    <message>
        <source>Tiket sedang dicetak…</source>
        <translation>Your ticket is printing…</translation>
    </message>
</context>
<context>
    <name>kiosk::LetterVerification</name>
    <message>
        <source>Anjungan ini belum memiliki daftar kunci tanda tangan. Hubungi teknisi.</source>
        <translation>This kiosk does not have the list of signing keys yet. Call a technician.</translation>
    </message>
</context>
<context>
    <name>kiosk::Nik</name>
    <message>
        <source>NIK harus 16 angka. Periksa lagi angka di KTP Anda.</source>
        <translation>A NIK has 16 digits. Check the number on your ID card.</translation>
    </message>
    <message>
        <source>NIK hanya berisi angka 0–9.</source>
        <translation>A NIK contains only the digits 0–9.</translation>
    </message>
    <message>
        <source>Dua angka pertama NIK (kode provinsi) tidak dikenal. Periksa lagi NIK Anda.</source>
        <translation>The first two digits of the NIK (province code) are unknown. Check your NIK.</translation>
    </message>
    <message>
        <source>Kode kabupaten/kecamatan pada NIK (angka ke-3 sampai ke-6) tidak boleh 00.</source>
        <translation>The regency/district code in the NIK (digits 3 to 6) cannot be 00.</translation>
    </message>
    <message>
        <source>Bulan lahir pada NIK (angka ke-9 dan ke-10) harus 01 sampai 12.</source>
        <translation>The birth month in the NIK (digits 9 and 10) must be 01 to 12.</translation>
    </message>
    <message>
        <source>Tanggal lahir pada NIK (angka ke-7 sampai ke-12) bukan tanggal yang ada.</source>
        <translation>The birth date in the NIK (digits 7 to 12) is not a real date.</translation>
    </message>
    <message>
        <source>Empat angka terakhir NIK tidak boleh 0000.</source>
        <translation>The last four digits of the NIK cannot be 0000.</translation>
    </message>
</context>
<context>
    <name>kiosk::NikEntry</name>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
</context>
<context>
    <name>kiosk::QueueDesk</name>
    <message>
        <source>Masuk sebagai petugas dulu.</source>
        <translation>Sign in as staff first.</translation>
    </message>
    <message>
        <source>Pilih loket Anda dulu.</source>
        <translation>Choose your counter first.</translation>
    </message>
    <message>
        <source>Tidak ada nomor yang menunggu untuk loket %1.</source>
        <translation>No number is waiting for counter %1.</translation>
    </message>
    <message>
        <source>%1 tidak hadir untuk kedua kalinya dan keluar dari antrean.</source>
        <translation>%1 did not come for the second time and leaves the queue.</translation>
    </message>
    <message>
        <source>%1 dilewati; nomor ini kembali ke antrean setelah %2 menit.</source>
        <translation>%1 skipped; the number returns to the queue after %2 minutes.</translation>
    </message>
    <message>
        <source>%1 selesai dilayani.</source>
        <translation>%1 has been served.</translation>
    </message>
    <message>
        <source>%1 dialihkan ke loket %2.</source>
        <translation>%1 transferred to counter %2.</translation>
    </message>
</context>
<context>
    <name>kiosk::QueueTicket</name>
    <message>
        <source>Maaf, nomor antrean belum dapat diambil. Silakan langsung ke petugas.</source>
        <translation>Sorry, a queue number cannot be taken now. Please go to the staff directly.</translation>
    </message>
    <message>
        <source>Ambil slip nomor antrean di bawah layar, lalu tunggu nomor Anda dipanggil.</source>
        <translation>Take the queue number slip below the screen, then wait for your number to be called.</translation>
    </message>
    <message>
        <source>perkiraan belum tersedia</source>
        <translation>no estimate yet</translation>
    </message>
    <message>
        <source>± %1–%2 menit</source>
        <translation>± %1–%2 min</translation>
    </message>
</context>
<context>
    <name>kiosk::StaffDesk</name>
    <message>
        <source>Surat %1 dikirim ke printer (pekerjaan #%2).</source>
        <translation>Letter %1 sent to the printer (job #%2).</translation>
    </message>
    <message>
        <source>Surat %1 belum dapat dicetak: %2</source>
        <translation>Letter %1 cannot be printed yet: %2</translation>
    </message>
    <message>
        <source>Surat %1 selesai dicetak.</source>
        <translation>Letter %1 has been printed.</translation>
    </message>
    <message>
        <source>Surat %1 gagal dicetak: %2</source>
        <translation>Letter %1 failed to print: %2</translation>
    </message>
    <message>
        <source>Printer surat: %1</source>
        <translation>Letter printer: %1</translation>
    </message>
    <message>
        <source>Surat %1 belum tersedia di anjungan ini.</source>
        <translation>Letter %1 is not on this kiosk yet.</translation>
    </message>
    <message>
        <source>Berkas surat %1 rusak atau berubah; tidak dicetak. Hubungi teknisi.</source>
        <translation>The file of letter %1 is damaged or altered; not printed. Call a technician.</translation>
    </message>
    <message>
        <source>Surat %1 tidak dicetak: %2 Hubungi teknisi.</source>
        <translation>Letter %1 was not printed: %2 Call a technician.</translation>
    </message>
    <message>
        <source>Surat %1 sedang dikirim ke printer…</source>
        <translation>Sending letter %1 to the printer…</translation>
    </message>
    <message>
        <source>Surat %1 tidak ada di daftar surat siap.</source>
        <translation>Letter %1 is not in the list of ready letters.</translation>
    </message>
    <message>
        <source>Pekerjaan cetak #%1 dikirim ulang ke printer.</source>
        <translation>Print job #%1 sent to the printer again.</translation>
    </message>
    <message>
        <source>Pekerjaan cetak #%1 dibatalkan.</source>
        <translation>Print job #%1 cancelled.</translation>
    </message>
    <message>
        <source>Tidak ada tiket hilang yang dapat dicetak ulang.</source>
        <translation>There are no lost tickets to print again.</translation>
    </message>
    <message numerus="yes">
        <source>%n tiket dikirim ulang ke printer.</source>
        <translation>
            <numerusform>%n ticket sent to the printer again.</numerusform>
            <numerusform>%n tickets sent to the printer again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Penyerahan surat %1 belum tersimpan. Coba lagi; bila tetap gagal, hubungi teknisi.</source>
        <translation>The handover of letter %1 was not saved. Try again; if it still fails, call the technician.</translation>
    </message>
    <message>
        <source>Pindai KTP pengambil atau ketik NIK-nya.</source>
        <translation>Scan the collector&apos;s KTP or type their NIK.</translation>
    </message>
    <message>
        <source>Data pemohon surat ini tidak ada lagi di anjungan. Pilih &quot;Diwakilkan&quot; dan catat pengambilnya.</source>
        <translation>This letter&apos;s applicant data is no longer on the kiosk. Choose &quot;A representative&quot; and record who collects it.</translation>
    </message>
    <message>
        <source>NIK tidak sama dengan NIK pemohon. Bila surat diambil orang lain, pilih &quot;Diwakilkan&quot;.</source>
        <translation>The NIK is not the applicant&apos;s NIK. If someone else collects the letter, choose &quot;A representative&quot;.</translation>
    </message>
    <message>
        <source>Tulis nama wakil yang mengambil surat.</source>
        <translation>Write the name of the representative collecting the letter.</translation>
    </message>
    <message>
        <source>Pilih hubungan wakil dengan pemohon.</source>
        <translation>Choose the representative&apos;s relationship to the applicant.</translation>
    </message>
    <message>
        <source>Surat %1 tercatat sudah diserahkan kepada pemohon. Tanda terima dicetak.</source>
        <translation>Letter %1 is recorded as handed over to the applicant. The receipt is printing.</translation>
    </message>
    <message>
        <source>Surat %1 tercatat sudah diserahkan kepada wakil pemohon. Tanda terima dicetak.</source>
        <translation>Letter %1 is recorded as handed over to the applicant&apos;s representative. The receipt is printing.</translation>
    </message>
</context>
<context>
    <name>kiosk::StaffDirectory</name>
    <message>
        <source>Kartu ini bukan kartu petugas yang sah. Gunakan kartu petugas dari kantor kecamatan.</source>
        <translation>This is not a valid staff card. Use the staff card from the kecamatan office.</translation>
    </message>
    <message>
        <source>Kartu ini tidak berlaku di anjungan ini (sudah diganti atau dicabut). Minta kartu baru kepada sekretaris desa.</source>
        <translation>This card is not valid at this kiosk (replaced or revoked). Ask the village secretary for a new card.</translation>
    </message>
    <message>
        <source>%1 wajib masuk dengan kartu petugas. Pindai kartu Anda, atau minta sekretaris desa mengizinkan masuk tanpa kartu.</source>
        <translation>%1 must sign in with their staff card. Scan your card, or ask the village secretary to allow sign-in without it.</translation>
    </message>
    <message>
        <source>Nama pengguna tidak dikenal di anjungan ini. Periksa ejaannya atau gunakan kartu petugas.</source>
        <translation>This username is not known at this kiosk. Check the spelling or use your staff card.</translation>
    </message>
    <message>
        <source>Terlalu banyak PIN salah. Coba lagi dalam %1 detik, atau minta sekretaris desa mengatur PIN baru.</source>
        <translation>Too many wrong PINs. Try again in %1 seconds, or ask the village secretary to set a new PIN.</translation>
    </message>
    <message>
        <source>PIN salah. Sisa percobaan: %1.</source>
        <translation>Wrong PIN. Attempts left: %1.</translation>
    </message>
</context>
<context>
    <name>kiosk::StaffLogin</name>
    <message>
        <source>Terlalu banyak PIN salah. Coba lagi dalam %1 detik, atau minta sekretaris desa mengatur PIN baru.</source>
        <translation>Too many wrong PINs. Try again in %1 seconds, or ask the village secretary to set a new PIN.</translation>
    </message>
    <message>
        <source>Pindai kartu petugas Anda dulu, lalu masukkan PIN.</source>
        <translation>Scan your staff card first, then enter your PIN.</translation>
    </message>
    <message>
        <source>Akun teknisi tidak dapat membuka meja petugas. Sentuh &quot;Teknisi&quot; untuk masuk ke mode teknisi.</source>
        <translation>A technician account cannot open the staff desk. Touch &quot;Technician&quot; to enter technician mode.</translation>
    </message>
</context>
<context>
    <name>kiosk::StatusLookup</name>
    <message>
        <source>Nomor registrasi tidak ditemukan di anjungan ini. Periksa lagi nomor pada tiket Anda.</source>
        <translation>Registration number not found on this kiosk. Check the number on your ticket.</translation>
    </message>
    <message>
        <source>Permohonan Anda perlu diperbaiki. Datang ke kantor desa dengan membawa tiket ini.</source>
        <translation>Your request needs a correction. Come to the village office with this ticket.</translation>
    </message>
    <message>
        <source>Permohonan Anda ditolak. Alasannya tertulis di bawah; tanyakan ke petugas bila kurang jelas.</source>
        <translation>Your request was rejected. The reason is written below; ask the staff if it is unclear.</translation>
    </message>
    <message>
        <source>Permohonan Anda sedang diproses. Tidak perlu datang sampai surat siap.</source>
        <translation>Your request is being processed. No need to come until the letter is ready.</translation>
    </message>
    <message>
        <source>Surat Anda sudah diserahkan.</source>
        <translation>Your letter has been handed over.</translation>
    </message>
    <message>
        <source>Surat siap diambil. Silakan ke loket dengan membawa tiket dan KTP Anda.</source>
        <translation>Your letter is ready for pick-up. Please go to the counter with your ticket and KTP.</translation>
    </message>
    <message>
        <source>Surat siap diambil. Tunggu nomor %1 dipanggil, lalu ke loket dengan membawa KTP Anda. Bila diwakilkan, wakil membawa KTP-nya sendiri.</source>
        <translation>Your letter is ready for pick-up. Wait until number %1 is called, then go to the counter with your KTP. A representative brings their own KTP.</translation>
    </message>
</context>
<context>
    <name>kiosk::Survey</name>
    <message>
        <source>Persyaratan: apakah persyaratan surat mudah dipahami dan dipenuhi?</source>
        <translation>Requirements: were the requirements easy to understand and meet?</translation>
    </message>
    <message>
        <source>Prosedur: apakah cara mengajukan surat di anjungan ini mudah?</source>
        <translation>Procedure: was requesting a letter at this kiosk easy?</translation>
    </message>
    <message>
        <source>Waktu: apakah waktu penyelesaian yang dijanjikan wajar?</source>
        <translation>Time: is the promised completion time reasonable?</translation>
    </message>
    <message>
        <source>Biaya: apakah layanan ini gratis sesuai ketentuan?</source>
        <translation>Cost: was the service free, as the rules say?</translation>
    </message>
    <message>
        <source>Hasil: apakah surat yang Anda terima sesuai yang Anda minta?</source>
        <translation>Result: is the letter what you asked for?</translation>
    </message>
    <message>
        <source>Kemampuan petugas: apakah petugas paham dan cakap membantu?</source>
        <translation>Staff competence: did the staff know how to help you?</translation>
    </message>
    <message>
        <source>Sikap petugas: apakah petugas sopan dan ramah?</source>
        <translation>Staff attitude: were the staff polite and friendly?</translation>
    </message>
    <message>
        <source>Pengaduan: apakah tersedia cara menyampaikan keluhan dan saran?</source>
        <translation>Complaints: is there a way to give complaints and suggestions?</translation>
    </message>
    <message>
        <source>Sarana: apakah anjungan dan ruang pelayanan nyaman dan bersih?</source>
        <translation>Facilities: are the kiosk and the service room comfortable and clean?</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <source>Lewati</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>bawa aslinya ke kantor</source>
        <translation>bring the original to the office</translation>
    </message>
    <message>
        <source>Pindai</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Ulangi</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>difoto, %1 KB</source>
        <translation>photographed, %1 KB</translation>
    </message>
    <message>
        <source>bawa aslinya</source>
        <translation>bring the original</translation>
    </message>
    <message>
        <source>sudah diterima</source>
        <translation>already received</translation>
    </message>
</context>
<context>
    <name>kiosk::DocumentCapture</name>
    <message>
        <source>Tahan dokumen di depan kamera, di atas meja.</source>
        <translation>Hold the document in front of the camera, over the table.</translation>
    </message>
    <message>
        <source>Dokumen bergerak. Tahan diam sebentar.</source>
        <translation>The document is moving. Hold it still for a moment.</translation>
    </message>
    <message>
        <source>Kurang tajam. Jauhkan sedikit dokumen dari kamera dan tahan diam.</source>
        <translation>Not sharp enough. Move the document a little further from the camera and hold it still.</translation>
    </message>
    <message>
        <source>Tahan… dokumen sedang difoto.</source>
        <translation>Hold it… the document is being photographed.</translation>
    </message>
    <message>
        <source>Dokumen %1 dari %2</source>
        <translation>Document %1 of %2</translation>
    </message>
    <message>
        <source>Halaman diluruskan, %1 KB.</source>
        <translation>Page straightened, %1 KB.</translation>
    </message>
    <message>
        <source>Tepi kertas tidak terlihat; seluruh gambar disimpan, %1 KB.</source>
        <translation>The paper's edges are not visible; the whole picture was kept, %1 KB.</translation>
    </message>
    <message>
        <source>Anjungan ini tidak memiliki kamera dokumen. Sentuh Lewati dan bawa aslinya ke kantor desa.</source>
        <translation>This kiosk has no document camera. Touch Skip and bring the original to the village office.</translation>
    </message>
    <message>
        <source>Letakkan dokumen di pemindai, tutup, lalu sentuh Pindai.</source>
        <translation>Place the document on the scanner, close the lid, then touch Scan.</translation>
    </message>
    <message>
        <source>Sedang memindai… jangan buka tutup pemindai.</source>
        <translation>Scanning… do not open the scanner's lid.</translation>
    </message>
    <message>
        <source>Dokumen sudah difoto. Periksa apakah tulisannya terbaca.</source>
        <translation>The document has been photographed. Check that the writing is readable.</translation>
    </message>
    <message>
        <source>Kamera dokumen tidak dapat dipakai saat ini. Sentuh Lewati dan bawa aslinya ke kantor desa.</source>
        <translation>The document camera cannot be used right now. Touch Skip and bring the original to the village office.</translation>
    </message>
</context>
<context>
    <name>FixScreen</name>
    <message>
        <source>Perbaiki permohonan</source>
        <translation>Fix the request</translation>
    </message>
    <message>
        <source>Catatan petugas:</source>
        <translation>Officer&apos;s note:</translation>
    </message>
    <message>
        <source>Perlu diperbaiki: %1</source>
        <translation>To fix: %1</translation>
    </message>
    <message>
        <source>Yang Anda ubah:</source>
        <translation>What you changed:</translation>
    </message>
    <message>
        <source>Perbaikan diterima</source>
        <translation>Fix received</translation>
    </message>
    <message>
        <source>Nomor registrasi %1. Perbaikan Anda dikirim ke petugas; struk tanda terima tercetak. Cek status dengan tiket yang sama.</source>
        <translation>Registration number %1. Your fix goes to the officers; a receipt is printing. Check the status with the same ticket.</translation>
    </message>
    <message>
        <source>Kirim perbaikan</source>
        <translation>Send the fix</translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Ubah</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Foto baru siap dikirim (%1 KB).</source>
        <translation>New photo ready to send (%1 KB).</translation>
    </message>
    <message>
        <source>Foto ulang, atau bawa aslinya ke kantor desa.</source>
        <translation>Photograph it again, or bring the original to the village office.</translation>
    </message>
    <message>
        <source>Bawa aslinya ke kantor desa.</source>
        <translation>Bring the original to the village office.</translation>
    </message>
    <message>
        <source>Foto ulang</source>
        <translation>Photograph again</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Menanyakan ke kantor kecamatan…</source>
        <translation>Asking the sub-district office…</translation>
    </message>
    <message>
        <source>Yang perlu diperbaiki:</source>
        <translation>What needs fixing:</translation>
    </message>
    <message>
        <source>Untuk melihat catatan petugas, ketik NIK pemohon atau pindai kode QR pada tiket.</source>
        <translation>To see the officer&apos;s note, type the applicant&apos;s NIK or scan the QR code on the ticket.</translation>
    </message>
    <message>
        <source>NIK pemohon (16 angka)</source>
        <translation>Applicant&apos;s NIK (16 digits)</translation>
    </message>
    <message>
        <source>Lihat rincian</source>
        <translation>Show details</translation>
    </message>
    <message>
        <source>Perbaiki permohonan</source>
        <translation>Fix the request</translation>
    </message>
    <message>
        <source>Batalkan permohonan</source>
        <translation>Cancel the request</translation>
    </message>
    <message>
        <source>Batalkan permohonan ini? Permohonan yang dibatalkan tidak dapat dilanjutkan; untuk surat yang sama Anda perlu mengajukan lagi.</source>
        <translation>Cancel this request? A cancelled request cannot continue; for the same letter you will need to apply again.</translation>
    </message>
    <message>
        <source>Ya, batalkan</source>
        <translation>Yes, cancel</translation>
    </message>
    <message>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>kiosk::RequestFix</name>
    <message>
        <source>Dokumen %1</source>
        <translation>Document %1</translation>
    </message>
    <message>
        <source>Periksa lagi kolom yang ditandai merah.</source>
        <translation>Check the fields marked in red again.</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>(kosong)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Belum ada yang diubah. Perbaiki kolom yang diminta petugas.</source>
        <translation>Nothing has changed yet. Fix the fields the officer asked about.</translation>
    </message>
    <message>
        <source>Maaf, perbaikan belum dapat disimpan. Silakan hubungi petugas.</source>
        <translation>Sorry, the fix could not be saved. Please contact the staff.</translation>
    </message>
    <message>
        <source>%1: halaman baru difoto (%2 KB)</source>
        <translation>%1: new page photographed (%2 KB)</translation>
    </message>
</context>
<context>
    <name>kiosk::StatusLookup</name>
    <message>
        <source>Permohonan ini sudah dibatalkan.</source>
        <translation>This request has been cancelled.</translation>
    </message>
    <message>
        <source>NIK tidak cocok dengan permohonan ini. Periksa lagi NIK pemohon.</source>
        <translation>The NIK does not match this request. Check the applicant&apos;s NIK again.</translation>
    </message>
    <message>
        <source>Nomor registrasi tidak ditemukan. Periksa lagi nomor pada tiket Anda.</source>
        <translation>Registration number not found. Check the number on your ticket.</translation>
    </message>
    <message>
        <source>Tiket ini tidak dikenal di kecamatan ini. Tanyakan petugas.</source>
        <translation>This ticket is not known in this sub-district. Ask the staff.</translation>
    </message>
    <message>
        <source>Kantor kecamatan tidak dapat dihubungi. Coba lagi sebentar lagi atau tanyakan petugas.</source>
        <translation>The sub-district office cannot be reached. Try again in a moment or ask the staff.</translation>
    </message>
    <message>
        <source>Permohonan</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Dokumen %1</source>
        <translation>Document %1</translation>
    </message>
    <message>
        <source>Pembatalan tidak diterima kantor kecamatan: %1</source>
        <translation>The sub-district office did not accept the cancellation: %1</translation>
    </message>
    <message>
        <source>Pembatalan tersimpan dan dikirim ke kantor kecamatan saat tersambung.</source>
        <translation>The cancellation is saved and goes to the sub-district office when connected.</translation>
    </message>
    <message>
        <source>Perbaikan tidak diterima kantor kecamatan: %1</source>
        <translation>The sub-district office did not accept the fix: %1</translation>
    </message>
    <message>
        <source>Perbaikan Anda tersimpan dan dikirim ke kantor kecamatan saat tersambung.</source>
        <translation>Your fix is saved and goes to the sub-district office when connected.</translation>
    </message>
    <message>
        <source>Pembatalan tidak tersimpan. Silakan tanyakan petugas.</source>
        <translation>The cancellation could not be saved. Please ask the staff.</translation>
    </message>
</context>
<context>
    <name>kiosk::RequestDesk</name>
    <message>
        <source>Ketik nomor registrasi dari tiket warga, atau pindai kode QR tiketnya.</source>
        <translation>Type the registration number from the citizen's ticket, or scan its QR code.</translation>
    </message>
    <message>
        <source>Menurut catatan anjungan ini.</source>
        <translation>According to this kiosk's records.</translation>
    </message>
    <message>
        <source>Permohonan %1 tidak ditemukan di anjungan ini.</source>
        <translation>Request %1 was not found on this kiosk.</translation>
    </message>
    <message>
        <source>Kode QR ini bukan tiket anjungan.</source>
        <translation>This QR code is not a kiosk ticket.</translation>
    </message>
    <message>
        <source>Tiket ini bukan dari anjungan ini dan kantor kecamatan tidak terhubung.</source>
        <translation>This ticket is not from this kiosk and the kecamatan office is not connected.</translation>
    </message>
    <message>
        <source>Menanyakan ke kantor kecamatan…</source>
        <translation>Asking the kecamatan office…</translation>
    </message>
    <message>
        <source>Belum sampai di kantor kecamatan; menurut catatan anjungan ini.</source>
        <translation>Not at the kecamatan office yet; according to this kiosk's records.</translation>
    </message>
    <message>
        <source>Kantor kecamatan tidak dapat dihubungi; menurut catatan anjungan ini.</source>
        <translation>The kecamatan office cannot be reached; according to this kiosk's records.</translation>
    </message>
    <message>
        <source>Permohonan tidak ditemukan di kecamatan ini. Periksa lagi nomor registrasinya.</source>
        <translation>Request not found in this kecamatan. Check the registration number again.</translation>
    </message>
    <message>
        <source>Kantor kecamatan tidak dapat dihubungi. Coba lagi sebentar lagi.</source>
        <translation>The kecamatan office cannot be reached. Try again in a moment.</translation>
    </message>
    <message>
        <source>Tuliskan alasan pembatalan dulu.</source>
        <translation>Write the reason for cancelling first.</translation>
    </message>
    <message>
        <source>Permohonan ini tidak dapat dibatalkan lagi (%1).</source>
        <translation>This request can no longer be cancelled (%1).</translation>
    </message>
    <message>
        <source>Pembatalan belum dapat disimpan. Coba lagi, atau hubungi teknisi.</source>
        <translation>The cancellation could not be saved. Try again, or call the technician.</translation>
    </message>
    <message>
        <source>Pembatalan permohonan %1 dicatat dan dikirim ke kantor kecamatan.</source>
        <translation>The cancellation of request %1 is recorded and sent to the kecamatan office.</translation>
    </message>
    <message>
        <source>NIK tidak cocok dengan pemohon permohonan ini. Periksa KTP warga, atau pindai QR tiketnya.</source>
        <translation>The NIK does not match this request&apos;s applicant. Check the citizen&apos;s ID card, or scan the ticket&apos;s QR code.</translation>
    </message>
    <message>
        <source>Permohonan ini tidak sedang dikembalikan untuk diperbaiki (%1).</source>
        <translation>This request is not returned for fixes (%1).</translation>
    </message>
    <message>
        <source>Ketik 16 angka NIK pemohon dari KTP-nya.</source>
        <translation>Type the applicant&apos;s 16-digit NIK from their ID card.</translation>
    </message>
</context>
<context>
    <name>SetupScreen</name>
    <message>
        <source>Pemasangan anjungan</source>
        <translation>Kiosk setup</translation>
    </message>
    <message>
        <source>Anjungan ini belum terdaftar di server kecamatan. Atur jaringan bila perlu, isi alamat server, lalu daftarkan dengan kode sekali pakai dari admin kecamatan.</source>
        <translation>This kiosk is not enrolled with the kecamatan server yet. Set up the network if needed, enter the server address, then enrol with the one-time code from the kecamatan admin.</translation>
    </message>
    <message>
        <source>1. Jaringan</source>
        <translation>1. Network</translation>
    </message>
    <message>
        <source>Kabel</source>
        <translation>Cable</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>Otomatis (DHCP)</source>
        <translation>Automatic (DHCP)</translation>
    </message>
    <message>
        <source>Alamat tetap</source>
        <translation>Static address</translation>
    </message>
    <message>
        <source>Nama Wi-Fi (SSID)</source>
        <translation>Wi-Fi name (SSID)</translation>
    </message>
    <message>
        <source>Kata sandi Wi-Fi</source>
        <translation>Wi-Fi password</translation>
    </message>
    <message>
        <source>Alamat IP dan prefiks, contoh 192.168.1.20/24</source>
        <translation>IP address and prefix, e.g. 192.168.1.20/24</translation>
    </message>
    <message>
        <source>Gateway, contoh 192.168.1.1</source>
        <translation>Gateway, e.g. 192.168.1.1</translation>
    </message>
    <message>
        <source>DNS, 1 sampai 3 alamat dipisah spasi</source>
        <translation>DNS, 1 to 3 addresses separated by spaces</translation>
    </message>
    <message>
        <source>Simpan pengaturan jaringan</source>
        <translation>Save network settings</translation>
    </message>
    <message>
        <source>Perbarui</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>%1. Server kecamatan</source>
        <translation>%1. Kecamatan server</translation>
    </message>
    <message>
        <source>Alamat server, contoh https://kecamatan.contoh.go.id/api/v1</source>
        <translation>Server address, e.g. https://kecamatan.contoh.go.id/api/v1</translation>
    </message>
    <message>
        <source>Memeriksa …</source>
        <translation>Checking …</translation>
    </message>
    <message>
        <source>Periksa koneksi</source>
        <translation>Check connection</translation>
    </message>
    <message>
        <source>%1. Daftarkan</source>
        <translation>%1. Enrol</translation>
    </message>
    <message>
        <source>Kode pendaftaran, contoh ABCD-EFGH-JKMN-PQRS</source>
        <translation>Enrollment code, e.g. ABCD-EFGH-JKMN-PQRS</translation>
    </message>
    <message>
        <source>Mendaftarkan …</source>
        <translation>Enrolling …</translation>
    </message>
    <message>
        <source>Daftarkan</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>Mulai melayani</source>
        <translation>Start serving</translation>
    </message>
    <message>
        <source>Daftar ulang anjungan</source>
        <translation>Re-enrol the kiosk</translation>
    </message>
    <message>
        <source>Masukkan kode sekali pakai yang baru dari admin kecamatan. Sertifikat lama tetap dipakai sampai yang baru tersimpan; setelah berhasil anjungan dimulai ulang.</source>
        <translation>Enter the new one-time code from the kecamatan admin. The old certificate stays in use until the new one is saved; after success the kiosk restarts.</translation>
    </message>
    <message>
        <source>Batal, kembali ke mode teknisi</source>
        <translation>Cancel, back to technician mode</translation>
    </message>
</context>
<context>
    <name>kiosk::FirstBootSetup</name>
    <message>
        <source>Sertifikat CA kecamatan tidak ada di anjungan ini. Pakai image yang dibuat dengan --deployment-ca, atau letakkan ca.crt di samping berkas konfigurasi.</source>
        <translation>This kiosk has no kecamatan CA certificate. Use an image built with --deployment-ca, or put ca.crt beside the configuration file.</translation>
    </message>
    <message>
        <source>Server dipercaya hanya bila sertifikatnya ditandatangani CA kecamatan (%1).</source>
        <translation>The server is trusted only if its certificate is signed by the kecamatan CA (%1).</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>kabel</source>
        <translation>cable</translation>
    </message>
    <message>
        <source>mati</source>
        <translation>off</translation>
    </message>
    <message>
        <source>tersambung</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>tidak tersambung (kabel atau sinyal tidak ada)</source>
        <translation>not connected (no cable or no signal)</translation>
    </message>
    <message>
        <source>%1 (%2): %3, alamat %4</source>
        <translation>%1 (%2): %3, address %4</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Tidak ada antarmuka jaringan: pasang kabel jaringan atau adaptor Wi-Fi.</source>
        <translation>No network interface: plug in a network cable or a Wi-Fi adapter.</translation>
    </message>
    <message>
        <source>Pengaturan jaringan terakhir sudah diterapkan.</source>
        <translation>The last network settings have been applied.</translation>
    </message>
    <message>
        <source>Pengaturan jaringan terakhir tidak diterapkan: %1</source>
        <translation>The last network settings were not applied: %1</translation>
    </message>
    <message>
        <source>Pengaturan jaringan disimpan dan diterapkan dalam beberapa detik. Tekan &quot;Perbarui&quot; untuk melihat hasilnya.</source>
        <translation>Network settings saved; they apply within a few seconds. Press &quot;Refresh&quot; to see the result.</translation>
    </message>
    <message>
        <source>Pengaturan jaringan tidak dapat disimpan (%1).</source>
        <translation>The network settings could not be saved (%1).</translation>
    </message>
    <message>
        <source>Alamat server tidak sah: tulis seperti https://kecamatan.contoh.go.id/api/v1</source>
        <translation>Invalid server address: write it like https://kecamatan.contoh.go.id/api/v1</translation>
    </message>
    <message>
        <source>DNS: nama %1 tidak ditemukan. Periksa ejaan alamat, kabel atau Wi-Fi, dan DNS.</source>
        <translation>DNS: the name %1 was not found. Check the spelling of the address, the cable or Wi-Fi, and DNS.</translation>
    </message>
    <message>
        <source>DNS: %1 ditemukan (%2).</source>
        <translation>DNS: %1 found (%2).</translation>
    </message>
    <message>
        <source>TLS: tidak ada jawaban dari %1. Periksa alamat server.</source>
        <translation>TLS: no answer from %1. Check the server address.</translation>
    </message>
    <message>
        <source>TCP: %1 port %2 tidak menjawab. Periksa gateway, firewall atau alamat server.</source>
        <translation>TCP: %1 port %2 does not answer. Check the gateway, the firewall or the server address.</translation>
    </message>
    <message>
        <source>TCP: tersambung ke %1 port %2.</source>
        <translation>TCP: connected to %1 port %2.</translation>
    </message>
    <message>
        <source>TLS: sertifikat server sah menurut CA kecamatan. Jalur ke server siap.</source>
        <translation>TLS: the server&apos;s certificate is valid under the kecamatan CA. The way to the server is ready.</translation>
    </message>
    <message>
        <source>TLS: sertifikat server tidak dipercaya (%1). Alamat salah, atau server memakai CA lain.</source>
        <translation>TLS: the server&apos;s certificate is not trusted (%1). Wrong address, or the server uses another CA.</translation>
    </message>
    <message>
        <source>TLS: jabat tangan gagal (%1).</source>
        <translation>TLS: handshake failed (%1).</translation>
    </message>
    <message>
        <source>TCP: tidak dapat tersambung ke %1 port %2 (%3).</source>
        <translation>TCP: cannot connect to %1 port %2 (%3).</translation>
    </message>
    <message>
        <source>Masukkan kode pendaftaran dari admin kecamatan.</source>
        <translation>Enter the enrollment code from the kecamatan admin.</translation>
    </message>
    <message>
        <source>Mendaftarkan anjungan ke %1 …</source>
        <translation>Enrolling the kiosk with %1 …</translation>
    </message>
    <message>
        <source>Pendaftaran gagal: %1</source>
        <translation>Enrollment failed: %1</translation>
    </message>
    <message>
        <source>Anjungan terdaftar, tetapi konfigurasi tidak dapat disimpan: %1</source>
        <translation>The kiosk is enrolled, but the configuration could not be saved: %1</translation>
    </message>
    <message>
        <source>Berhasil: anjungan terdaftar sebagai %1 untuk desa %2. Anjungan dimulai ulang dan segera melayani warga.</source>
        <translation>Done: the kiosk is enrolled as %1 for desa %2. The kiosk restarts and will serve citizens shortly.</translation>
    </message>
    <message>
        <source>Pendaftaran ulang gagal: %1 Sertifikat lama tetap dipakai.</source>
        <translation>Re-enrolment failed: %1 The old certificate stays in use.</translation>
    </message>
</context>
<context>
    <name>TechnicianLoginScreen</name>
    <message>
        <source>Halo, %1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <source>Masuk mode teknisi</source>
        <translation>Technician sign-in</translation>
    </message>
    <message>
        <source>Ketik nama pengguna teknisi Anda, lalu masukkan PIN.</source>
        <translation>Type your technician username, then enter your PIN.</translation>
    </message>
    <message>
        <source>Masukkan PIN Anda.</source>
        <translation>Enter your PIN.</translation>
    </message>
    <message>
        <source>Pindai kartu teknisi Anda.</source>
        <translation>Scan your technician card.</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Masuk tanpa kartu</source>
        <translation>Sign in without the card</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Kamera pemindai</source>
        <translation>Scanner camera</translation>
    </message>
    <message>
        <source>Tidak ada kamera pemindai yang diatur. Untuk memakai kamera, tambahkan camera:0 ke scanners di bagian [kiosk] berkas konfigurasi anjungan, lalu nyalakan ulang anjungan.</source>
        <translation>No scanner camera is configured. To use a camera, add camera:0 to scanners in the [kiosk] section of the kiosk configuration file, then restart the kiosk.</translation>
    </message>
    <message>
        <source>Kamera: %1</source>
        <translation>Camera: %1</translation>
    </message>
    <message>
        <source>Terbaca: %1</source>
        <translation>Read: %1</translation>
    </message>
    <message>
        <source>Terbaca: belum ada (arahkan kode ke kamera)</source>
        <translation>Read: nothing yet (hold a code to the camera)</translation>
    </message>
    <message>
        <source>Laju gambar: %1 bingkai/detik</source>
        <translation>Frame rate: %1 frames/second</translation>
    </message>
    <message>
        <source>Terakhir terbaca: pukul %1</source>
        <translation>Last read: at %1</translation>
    </message>
    <message>
        <source>Terakhir terbaca: -</source>
        <translation>Last read: -</translation>
    </message>
    <message>
        <source>Mode teknisi</source>
        <translation>Technician mode</translation>
    </message>
    <message>
        <source>Teknisi: %1</source>
        <translation>Technician: %1</translation>
    </message>
    <message>
        <source>Perangkat</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Koneksi</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Sistem</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Diagnostik</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Keadaan perangkat</source>
        <translation>Device states</translation>
    </message>
    <message>
        <source>Tidak ada perangkat yang dilaporkan.</source>
        <translation>No device has reported.</translation>
    </message>
    <message>
        <source>Pindaian terakhir (pindai sesuatu untuk menguji)</source>
        <translation>Last scans (scan something to test)</translation>
    </message>
    <message>
        <source>Belum ada pindaian. Pindai KTP, tiket atau kartu.</source>
        <translation>No scan yet. Scan an ID card, a ticket or a card.</translation>
    </message>
    <message>
        <source>Cetak tiket uji</source>
        <translation>Print a test ticket</translation>
    </message>
    <message>
        <source>Cetak halaman uji</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>Sambungan ke kecamatan</source>
        <translation>Link to the kecamatan</translation>
    </message>
    <message>
        <source>Permohonan ditahan</source>
        <translation>Parked requests</translation>
    </message>
    <message>
        <source>Tidak ada permohonan yang ditahan.</source>
        <translation>No request is parked.</translation>
    </message>
    <message>
        <source>%1 (%2, %3): %4</source>
        <translation>%1 (%2, %3): %4</translation>
    </message>
    <message>
        <source>Kirim ulang</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>Batalkan</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Catatan teknisi</source>
        <translation>Technician journal</translation>
    </message>
    <message>
        <source>Peringatan anjungan</source>
        <translation>Kiosk alerts</translation>
    </message>
    <message>
        <source>Tidak ada peringatan.</source>
        <translation>No alerts.</translation>
    </message>
    <message>
        <source>Log terakhir (data pribadi disamarkan)</source>
        <translation>Last log lines (personal data masked)</translation>
    </message>
    <message>
        <source>Belum ada baris log.</source>
        <translation>No log lines yet.</translation>
    </message>
    <message>
        <source>Simpan berkas diagnostik (konfigurasi tanpa rahasia, log yang disamarkan, keadaan perangkat, versi) ke flashdisk teknisi.</source>
        <translation>Save the diagnostics files (configuration without secrets, masked log, device states, versions) to the technician's USB stick.</translation>
    </message>
    <message>
        <source>Simpan ke flashdisk</source>
        <translation>Save to the USB stick</translation>
    </message>
    <message>
        <source>Belum ada tindakan teknisi di anjungan ini.</source>
        <translation>No technician action on this kiosk yet.</translation>
    </message>
    <message>
        <source>Periksa sambungan</source>
        <translation>Check the link</translation>
    </message>
    <message>
        <source>DNS, TCP, TLS dan jam</source>
        <translation>DNS, TCP, TLS and clock</translation>
    </message>
    <message>
        <source>Peringatan</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Daftar ulang dengan kode baru</source>
        <translation>Re-enrol with a new code</translation>
    </message>
    <message>
        <source>Sertifikat lama tetap dipakai sampai berhasil</source>
        <translation>The old certificate stays in use until it succeeds</translation>
    </message>
    <message>
        <source>Peringatan yang belum ditangani</source>
        <translation>Alerts not yet handled</translation>
    </message>
    <message>
        <source>%1 (%2, sejak %3)</source>
        <translation>%1 (%2, since %3)</translation>
    </message>
    <message>
        <source>Selesai ditangani</source>
        <translation>Handled</translation>
    </message>
</context>
<context>
    <name>kiosk::TechnicianMode</name>
    <message>
        <source>Membuka flashdisk…</source>
        <translation>Opening the USB stick…</translation>
    </message>
    <message>
        <source>Menyimpan dan melepas flashdisk…</source>
        <translation>Saving and releasing the USB stick…</translation>
    </message>
    <message>
        <source> Flashdisk sudah dilepas dari sistem: aman dicabut.</source>
        <translation> The USB stick has been released: safe to pull out.</translation>
    </message>
    <message>
        <source>Berkas diagnostik tersimpan di flashdisk (folder %1). Flashdisk sudah dilepas dari sistem: aman dicabut sekarang.</source>
        <translation>Diagnostics saved on the USB stick (folder %1). The stick has been released: safe to pull out now.</translation>
    </message>
    <message>
        <source>Berkas diagnostik tersimpan di flashdisk (folder %1), tetapi: %2</source>
        <translation>Diagnostics saved on the USB stick (folder %1), but: %2</translation>
    </message>
    <message>
        <source>Kartu %1 adalah kartu petugas loket, bukan kartu teknisi. Mode teknisi hanya untuk teknisi.</source>
        <translation>%1's card is a front-office staff card, not a technician card. Technician mode is for technicians only.</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>kode QR tiket</source>
        <translation>ticket QR code</translation>
    </message>
    <message>
        <source>segel surat</source>
        <translation>letter seal</translation>
    </message>
    <message>
        <source>kartu petugas</source>
        <translation>staff card</translation>
    </message>
    <message>
        <source>(disembunyikan)</source>
        <translation>(hidden)</translation>
    </message>
    <message>
        <source>slip pengaduan</source>
        <translation>complaint slip</translation>
    </message>
    <message>
        <source>tidak dikenal</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>ditolak: %1</source>
        <translation>refused: %1</translation>
    </message>
    <message>
        <source>Pemindai</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Pemindai %1</source>
        <translation>Scanner %1</translation>
    </message>
    <message>
        <source>Pindai kartu teknisi Anda dulu, lalu masukkan PIN.</source>
        <translation>Scan your technician card first, then enter your PIN.</translation>
    </message>
    <message>
        <source>Akun %1 adalah akun petugas loket, bukan akun teknisi. Mode teknisi hanya untuk teknisi.</source>
        <translation>%1's account is a front-office staff account, not a technician account. Technician mode is for technicians only.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>belum diatur</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>Sertifikat anjungan: %1, berlaku sampai %2 (%3 hari lagi)</source>
        <translation>Kiosk certificate: %1, valid until %2 (%3 days left)</translation>
    </message>
    <message>
        <source>Sertifikat anjungan: belum ada; anjungan perlu didaftarkan.</source>
        <translation>Kiosk certificate: none yet; the kiosk must be enrolled.</translation>
    </message>
    <message>
        <source>Sinkronisasi terakhir: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>Sinkronisasi terakhir: belum ada sejak anjungan menyala</source>
        <translation>Last sync: none since the kiosk started</translation>
    </message>
    <message>
        <source>Masalah terakhir: %1</source>
        <translation>Last problem: %1</translation>
    </message>
    <message>
        <source>Antrean kirim: %1 menunggu, %2 ditahan</source>
        <translation>Outbox: %1 waiting, %2 parked</translation>
    </message>
    <message>
        <source>Halaman dokumen belum terkirim: %1</source>
        <translation>Document pages not sent yet: %1</translation>
    </message>
    <message>
        <source>Permohonan %1 dikirim ulang pada sinkronisasi berikutnya.</source>
        <translation>Request %1 is sent again at the next sync.</translation>
    </message>
    <message>
        <source>Permohonan %1 dibatalkan: tidak dikirim, tetap tercatat di anjungan.</source>
        <translation>Request %1 cancelled: not sent, still recorded on the kiosk.</translation>
    </message>
    <message>
        <source>Tiket uji dikirim ke printer tiket.</source>
        <translation>Test ticket sent to the ticket printer.</translation>
    </message>
    <message>
        <source>Halaman uji dikirim ke printer surat.</source>
        <translation>Test page sent to the letter printer.</translation>
    </message>
    <message>
        <source>Printer tidak menerima halaman uji. Periksa kabel, daya dan kertas.</source>
        <translation>The printer did not accept the test page. Check the cable, power and paper.</translation>
    </message>
    <message>
        <source>Berkas diagnostik tersimpan di %1. Lepaskan flashdisk dengan aman.</source>
        <translation>Diagnostics files saved in %1. Remove the USB stick safely.</translation>
    </message>
    <message>
        <source>Memeriksa sambungan…</source>
        <translation>Checking the link…</translation>
    </message>
    <message>
        <source>dari kecamatan</source>
        <translation>from the kecamatan</translation>
    </message>
    <message>
        <source>anjungan ini</source>
        <translation>this kiosk</translation>
    </message>
    <message>
        <source>Peringatan selesai ditangani. Kecamatan diberi tahu saat sambungan tersedia.</source>
        <translation>Alert handled. The kecamatan is told when the link allows.</translation>
    </message>
    <message>
        <source>Peringatan selesai ditangani.</source>
        <translation>Alert handled.</translation>
    </message>
</context>
<context>
    <name>kiosk::StickMount</name>
    <message>
        <source>Flashdisk tidak ditemukan. Pasang flashdisk teknisi (FAT32 atau exFAT) ke port USB, lalu coba lagi.</source>
        <translation>No USB stick found. Plug the technician&apos;s stick (FAT32 or exFAT) into a USB port, then try again.</translation>
    </message>
    <message>
        <source>Ada lebih dari satu flashdisk terpasang. Cabut yang lain, sisakan satu flashdisk teknisi, lalu coba lagi.</source>
        <translation>More than one USB stick is plugged in. Pull the others out, leave only the technician&apos;s stick, then try again.</translation>
    </message>
    <message>
        <source>Flashdisk tidak bisa ditulisi (terkunci atau rusak). Geser kunci tulisnya atau pakai flashdisk lain.</source>
        <translation>The USB stick cannot be written (locked or damaged). Slide its write lock or use another stick.</translation>
    </message>
    <message>
        <source>Flashdisk tidak bisa dibuka. Pakai flashdisk berformat FAT32 atau exFAT.</source>
        <translation>The USB stick cannot be opened. Use a stick formatted FAT32 or exFAT.</translation>
    </message>
    <message>
        <source>Flashdisk belum bisa dilepas dari sistem. Jangan cabut dulu; tekan Simpan lagi atau nyalakan ulang anjungan.</source>
        <translation>The USB stick could not be released yet. Do not pull it out; press Save again or restart the kiosk.</translation>
    </message>
    <message>
        <source>Pembantu flashdisk menolak permintaan (%1). Hubungi pengelola anjungan.</source>
        <translation>The USB stick helper refused the request (%1). Contact the kiosk administrator.</translation>
    </message>
    <message>
        <source>Permintaan ke pembantu flashdisk tidak bisa ditulis: %1</source>
        <translation>The request to the USB stick helper could not be written: %1</translation>
    </message>
    <message>
        <source>Pembantu flashdisk tidak menjawab. Nyalakan ulang anjungan, lalu coba lagi.</source>
        <translation>The USB stick helper does not answer. Restart the kiosk, then try again.</translation>
    </message>
</context>
</TS>
