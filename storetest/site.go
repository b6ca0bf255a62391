package storetest

import (
	"fmt"
	"testing"
	"time"

	"warta"
)

// MustFillSite writes a small site through st with a row of every kind
// the schema keeps: sections, tags, authors, users (and their author
// profiles), sessions, articles in every status with lead images from the
// media library, several revisions, corrections, a three-level comment
// thread with a nonce, a NULL and non-ASCII text, settings, rate limits,
// failed logins, the audit log, a stash of binary data, pages, a PDF
// document an article links to, an API
// token, an import key and redirect, and the change log every write leaves. label keeps slugs apart when one store
// holds several sites' worth. Tests of copying and backups compare such
// a site with its copy.
func MustFillSite(tb testing.TB, st warta.Store, label string) {
	tb.Helper()
	c := ctx(tb)
	must := func(what string, err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("fill site: %s: %v", what, err)
		}
	}
	sec := MustCreateSection(tb, st, &warta.Section{Slug: label + "-nasional", Name: "Nasional", Description: "Berita dari seluruh negeri", Position: 2})
	sec2 := MustCreateSection(tb, st, &warta.Section{Slug: label + "-ekonomi", Name: "Ekonomi", Position: 1})
	tag := MustCreateTag(tb, st, &warta.Tag{Slug: label + "-banjir", Name: "Banjir"})
	tag2 := MustCreateTag(tb, st, &warta.Tag{Slug: label + "-pangan", Name: "Pangan"})
	au := MustCreateAuthor(tb, st, &warta.Author{Slug: label + "-rina", Name: "Rina Pertiwi", Bio: "Wartawan \"senior\" — ñ, ü, 日本"})

	ed := &warta.User{Email: label + "-Editor@Example.com", Name: "Editor Satu", Role: warta.RoleEditor, PasswordHash: "$2a$10$abcdefghijklmnopqrstuv"}
	must("CreateUser", st.CreateUser(c, ed))
	off := &warta.User{Email: label + "-off@example.com", Name: "Mantan", Role: warta.RoleContributor, Disabled: true}
	must("CreateUser", st.CreateUser(c, off))
	must("CreateSession", st.CreateSession(c, &warta.Session{ID: fmt.Sprintf("%064x", len(label)), UserID: ed.ID,
		CreatedAt: Start, LastSeenAt: Start, IP: "192.0.2.1", UserAgent: "tes"}))

	m := &warta.Media{Hash: fmt.Sprintf("%064x", 0xabc+len(label)), Path: "lib/ab/" + label + ".jpg", MIME: "image/jpeg",
		Width: 1600, Height: 900, Size: 123456, OriginalName: "foto pantai.jpg", Alt: "Pantai", Caption: "Air pasang", Credit: "Foto: Rina",
		UploadedBy: ed.ID, Variants: []warta.ImageVariant{{Path: "lib/ab/" + label + "-320.jpg", Width: 320, Height: 180}}}
	must("CreateMedia", st.CreateMedia(c, m))
	// A PDF document, linked from the first story's body (article_documents).
	docHash := fmt.Sprintf("%064x", 0xdef+len(label))
	doc := &warta.Media{Hash: docHash, Path: "lib/" + docHash[:2] + "/" + docHash + ".pdf", MIME: "application/pdf",
		Size: 4567, OriginalName: "laporan tahunan.pdf", Caption: "Laporan", UploadedBy: ed.ID}
	must("CreateMedia", st.CreateMedia(c, doc))

	var arts []*warta.Article
	for i, status := range []warta.ArticleStatus{warta.StatusPublished, warta.StatusDraft, warta.StatusScheduled, warta.StatusPending, warta.StatusUnpublished, warta.StatusPublished} {
		a := &warta.Article{
			Slug: fmt.Sprintf("%s-berita-%d", label, i), Headline: fmt.Sprintf("Banjir rob ke-%d di pesisir", i),
			Dek: "Warga mengungsi", BodyMarkdown: "Air **naik** pagi ini.\n\nTanggul jebol.", BodyHTML: "<p>Air <strong>naik</strong> pagi ini.</p>\n<p>Tanggul jebol.</p>",
			Status: status, Section: *sec, Tags: []warta.Tag{*tag, *tag2}, Authors: []warta.Author{*au},
			CommentsOpen: i%2 == 0, OwnerID: ed.ID, EditedBy: ed.ID,
		}
		if i == 1 {
			a.Section = *sec2
			a.Tags = nil
		}
		switch status {
		case warta.StatusPublished, warta.StatusUnpublished:
			a.PublishedAt = Start.Add(-time.Duration(i+1) * time.Hour)
		case warta.StatusScheduled:
			a.PublishedAt = Start.Add(48 * time.Hour)
		}
		if i == 0 {
			a.LeadImage = warta.Image{MediaID: m.ID, Path: m.Path, Alt: "Pantai", Caption: "Air pasang", Credit: "Foto: Rina", Width: 1600, Height: 900, Variants: m.Variants}
		}
		MustCreateArticle(tb, st, a)
		arts = append(arts, a)
	}
	// Two more saves of the first story: revisions, a changed slug (a
	// second row in article_slugs), a substantive update (revised_at).
	a := arts[0]
	a.Headline += " (diperbarui)"
	a.Slug = label + "-berita-0-baru"
	a.Substantive = true
	a.RevisionNote = "judul"
	must("UpdateArticle", st.UpdateArticle(c, a))
	a.BodyMarkdown += "\n\nPembaruan: [laporan lengkap](/media/" + doc.Path + ")."
	must("UpdateArticle", st.UpdateArticle(c, a))
	must("AddCorrection", st.AddCorrection(c, &warta.Correction{ArticleID: a.ID, Note: "Nama desa diperbaiki.", UserID: ed.ID}))

	// A thread: a comment, a reply, a reply to the reply; one pending
	// with a nonce, one spam.
	root := &warta.Comment{ArticleID: a.ID, AuthorName: "Budi", AuthorEmail: "budi@example.com", AuthorIP: "198.51.100.7",
		Content: "Semoga cepat surut.", ContentHTML: "<p>Semoga cepat surut.</p>", Status: warta.CommentApproved, UserAgent: "Mozilla"}
	must("CreateComment", st.CreateComment(c, root))
	reply := &warta.Comment{ArticleID: a.ID, ParentID: root.ID, AuthorName: "Sari", AuthorEmail: "sari@example.com", AuthorURL: "https://sari.example",
		Content: "Amin.", ContentHTML: "<p>Amin.</p>", Status: warta.CommentApproved, Nonce: label + "-nonce-1"}
	must("CreateComment", st.CreateComment(c, reply))
	must("CreateComment", st.CreateComment(c, &warta.Comment{ArticleID: a.ID, ParentID: reply.ID, AuthorName: "Budi", AuthorEmail: "budi@example.com",
		Content: "Terima kasih 🙏", ContentHTML: "<p>Terima kasih 🙏</p>", Status: warta.CommentPending, Reason: "first comment"}))
	must("CreateComment", st.CreateComment(c, &warta.Comment{ArticleID: arts[5].ID, AuthorName: "Iklan", AuthorEmail: "spam@example.com",
		Content: "Beli sekarang", Status: warta.CommentSpam, Reason: "link"}))

	must("SetSetting", st.SetSetting(c, "site.tagline", "Kabar dari pesisir — "+label))
	if _, err := st.InitSetting(c, "secret."+label, "0123456789abcdef"); err != nil {
		tb.Fatalf("fill site: InitSetting: %v", err)
	}
	if _, err := st.Allow(c, "comment-ip:"+label, time.Minute); err != nil {
		tb.Fatalf("fill site: Allow: %v", err)
	}
	must("RecordLoginFailure", st.RecordLoginFailure(c, "Salah@Example.com", "203.0.113.9"))
	must("AddAudit", st.AddAudit(c, &warta.AuditEntry{UserID: ed.ID, UserName: ed.Name, Action: "article.publish", Subject: "article 1", Detail: "tes"}))
	must("AddAudit", st.AddAudit(c, &warta.AuditEntry{Action: "article.publish", Subject: "scheduler"}))
	must("Stash", st.Stash(c, label+"-stash", []byte{0, 1, 2, 0xff, 'x'}, Start.Add(time.Hour)))
	must("CreatePage", st.CreatePage(c, &warta.Page{Slug: label + "-tentang", Title: "Tentang Kami", BodyMarkdown: "Kami.", BodyHTML: "<p>Kami.</p>",
		Status: warta.PagePublished, MenuOrder: 1, MenuLabel: "Tentang"}))
	must("CreatePage", st.CreatePage(c, &warta.Page{Slug: label + "-draf", Title: "Draf", Status: warta.PageDraft}))
	tok := &warta.APIToken{UserID: ed.ID, Name: "aplikasi", Prefix: "wt_ab", Hash: fmt.Sprintf("%064x", 0xfeed+len(label))}
	must("CreateAPIToken", st.CreateAPIToken(c, tok))
	must("TouchAPIToken", st.TouchAPIToken(c, tok.ID, Start.Add(time.Minute)))
	// What an import leaves: a key and an old address.
	must("ImportTag", st.ImportTag(c, warta.ImportKey{Source: "https://lama.example", Kind: warta.ImportTag, Key: "7"},
		&warta.Tag{Slug: label + "-impor", Name: "Impor"}, []warta.Redirect{{Path: "/tag/" + label + "-impor/", Target: "/tag/" + label + "-impor/baru/"}}))
}
