"""The words a reader reads in a body: what the page's reading time is counted from."""

from __future__ import annotations

from newsroom_model.source import ReadConfig, read_source, reading_words


def test_a_reader_reads_words_not_markup_and_joined_words_are_one() -> None:
    fragment = (
        '<p>Warga <a href="https://contoh.example/">Kalimantan-Selatan</a> membaca Qur’an '
        "&amp; Qur'an di rumah&nbsp;panggung.</p><!--warta-photo:0-->"
        '<figure><img alt="foto panjang sekali" src="x.jpg"></figure>'
        "<p>Harga naik 14.45 persen -- kata pedagang_pasar, Caf&eacute; tutup.</p>"
    )
    # Warga, Kalimantan-Selatan, membaca, Qur’an, Qur'an, di, rumah, panggung; Harga, naik,
    # 14, 45, persen, kata, pedagang, pasar, Café, tutup. No "amp", "nbsp", "warta", "photo",
    # "img" or alt text: markup, comments and references are not read as words.
    assert reading_words(fragment) == 18


def test_the_count_is_made_when_the_body_is_read() -> None:
    config = ReadConfig(
        markdown='{"extensions": []}', summary_words=50, summary_suffix="…", max_body_bytes=10**6
    )
    text = "Title: Pasar\n\nSatu dua tiga-empat & lima.\n\n<!-- catatan redaksi -->\n"
    source = read_source(text.encode("utf-8"), config)
    assert source.body is not None
    assert source.body.reading_words == reading_words(source.body.html) == 4
