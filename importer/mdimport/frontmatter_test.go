package mdimport

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var jakarta = mustZone("Asia/Jakarta")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestParsePageYAML(t *testing.T) {
	src := "\ufeff---\r\n" +
		"Title: Banjir di Demak\r\n" +
		"date: 2024-02-12\r\n" +
		"lastmod: 2024-02-13 10:00:00 +0700\r\n" +
		"summary: Ringkas.\r\n" +
		"categories: Nasional Bencana\r\n" +
		"tags: [banjir, 2024]\r\n" +
		"author: {name: Rina Pertiwi}\r\n" +
		"authors: [Budi]\r\n" +
		"cover: {image: sampul.jpg, alt: Genangan, caption: Pagi hari}\r\n" +
		"---\r\n\r\n\r\nParagraf pertama.\r\n"
	p, err := parsePage("a.md", []byte(src), jakarta)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Banjir di Demak" || p.Dek != "Ringkas." {
		t.Errorf("title %q, dek %q", p.Title, p.Dek)
	}
	// A date with no zone is midnight in the site's zone, not UTC.
	if want := time.Date(2024, 2, 12, 0, 0, 0, 0, jakarta); !p.Date.Equal(want) {
		t.Errorf("date = %v, want %v", p.Date, want)
	}
	if want := time.Date(2024, 2, 13, 3, 0, 0, 0, time.UTC); !p.Lastmod.Equal(want) {
		t.Errorf("lastmod = %v, want %v", p.Lastmod, want)
	}
	if p.Section != "Nasional" || strings.Join(p.Categories, "|") != "Nasional|Bencana" {
		t.Errorf("section %q, categories %q (Jekyll splits a string on spaces)", p.Section, p.Categories)
	}
	if strings.Join(p.Tags, "|") != "banjir|2024" {
		t.Errorf("tags = %q", p.Tags)
	}
	if strings.Join(p.Authors, "|") != "Budi|Rina Pertiwi" {
		t.Errorf("authors = %q", p.Authors)
	}
	if p.Image != (imageRef{Src: "sampul.jpg", Alt: "Genangan", Caption: "Pagi hari", Line: 10}) {
		t.Errorf("image = %+v", p.Image)
	}
	if p.Body != "Paragraf pertama." || p.BodyLine != 14 {
		t.Errorf("body %q at line %d, want line 14", p.Body, p.BodyLine)
	}
}

func TestParsePageTOML(t *testing.T) {
	src := `+++
title = "Harga Beras"
date = 2024-02-20T09:00:00
slug = "harga-beras-turun"
draft = true
section = "Ekonomi"
tags = ["beras"]
image = "/images/pasar.png"

[params]
title = "not this one"
+++
Isi.
`
	p, err := parsePage("b.md", []byte(src), jakarta)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Harga Beras" || p.Slug != "harga-beras-turun" || !p.Draft || p.Section != "Ekonomi" {
		t.Errorf("got %+v", p)
	}
	if want := time.Date(2024, 2, 20, 9, 0, 0, 0, jakarta); !p.Date.Equal(want) {
		t.Errorf("date = %v, want %v", p.Date, want)
	}
	if p.Image.Src != "/images/pasar.png" || p.Image.Line != 8 {
		t.Errorf("image = %+v, want line 8", p.Image)
	}
	if p.Body != "Isi." || p.BodyLine != 13 {
		t.Errorf("body %q at %d", p.Body, p.BodyLine)
	}
}

// Every problem is reported on the line to look at.
func TestParsePageErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"no front matter", "# Judul\n", 1, "no front matter"},
		{"never closed", "---\ntitle: x\n", 1, "never closed"},
		{"yaml unclosed list", "---\ntitle: x\ndate: 2024-01-01\ntags: [a, b\nauthor: r\n---\n", 4, "not valid YAML"},
		{"yaml bad indent", "---\ntitle: x\n  bad: indent\n---\n", 3, "not valid YAML"},
		{"toml", "+++\ntitle = 'x'\n\ndate = = 1\n+++\n", 4, "not valid TOML"},
		{"no title", "---\ndate: 2024-01-01\n---\n", 1, "no title"},
		{"title not text", "---\ndate: 2024-01-01\ntitle: [a]\n---\n", 3, "title must be text"},
		{"bad date", "---\ntitle: x\ndate: kemarin sore\n---\n", 3, `"kemarin sore" is not a date`},
		{"bad draft", "+++\ntitle = 'x'\ndraft = 'maybe'\n+++\n", 3, "draft must be true or false"},
		{"bad cover", "---\ntitle: x\ncover: 12.5\n---\n", 3, "cover must be an image path"},
		{"not a mapping", "---\n- a\n- b\n---\n", 2, "key: value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePage("x.md", []byte(tt.src), jakarta)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if fe.Path != "x.md" || fe.Line != tt.line || !strings.Contains(fe.Msg, tt.msg) {
				t.Errorf("got %q (line %d), want line %d with %q", fe.Error(), fe.Line, tt.line, tt.msg)
			}
		})
	}
}

func TestLocalImages(t *testing.T) {
	body := "![a](foto.png)\n\n" +
		"Teks ![b]( <foto%20dua.jpg> \"judul\") dan ![c](https://contoh.id/x.png) serta ![d](/media/lib/x.png).\n\n" +
		"    ![kode](foto.png)\n\n" +
		"```\n![pagar](foto.png)\n```\n\n" +
		"![ref][r] dan [bukan gambar](foto.png)\n\n" +
		"[r]: gambar/ref.png \"judul\"\n"
	var got []string
	for _, u := range localImages(body) {
		if body[u.Start:u.Start+len(u.Dest)] != u.Dest {
			t.Errorf("%q is not at %d", u.Dest, u.Start)
		}
		got = append(got, u.Dest)
	}
	want := "foto.png|foto%20dua.jpg|gambar/ref.png"
	if strings.Join(got, "|") != want {
		t.Errorf("images = %q, want %q (no URLs, no /media/, nothing in code, no links)", strings.Join(got, "|"), want)
	}
	if filePart("foto%20dua.jpg?w=300#x") != "foto dua.jpg" {
		t.Errorf("filePart = %q", filePart("foto%20dua.jpg?w=300#x"))
	}
}
