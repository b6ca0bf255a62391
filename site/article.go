package site

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"warta"
	"warta/comments"
	"warta/view"
)

type articlePage struct {
	view.Page
	Article *warta.Article
	// Body is the article's HTML, sanitised when it was saved.
	Body template.HTML
	// Updated says whether to show when the article last changed in
	// substance (Article.RevisedAt).
	Updated     bool
	Corrections []*warta.Correction
	Comments    *commentSection
	// Related are other articles to read next.
	Related []*warta.Article
}

// showArticle shows one article. Its address carries the date of
// publication; an old slug or a wrong date redirects to the right one.
//
// GET /{yyyy}/{mm}/{dd}/{slug}/?cpage=N&replyto=ID&editcomment=ID
func (h *handler) showArticle(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	date := r.PathValue("yyyy") + "/" + r.PathValue("mm") + "/" + r.PathValue("dd")
	if _, err := time.Parse("2006/01/02", date); err != nil || !warta.ValidSlug(slug) {
		h.errorStatus(w, r, http.StatusNotFound)
		return
	}
	a, err := h.Store.ArticleBySlug(r.Context(), slug)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if !a.Visible(h.Now()) {
		if a.Status == warta.StatusUnpublished {
			h.errorStatus(w, r, http.StatusGone)
		} else {
			// A draft or a story set for later does not exist for readers yet.
			h.errorStatus(w, r, http.StatusNotFound)
		}
		return
	}
	if canonical := a.Permalink(h.Location); r.URL.Path != canonical {
		http.Redirect(w, r, canonical, http.StatusMovedPermanently)
		return
	}
	cpage, err := pageParam(r, "cpage")
	if err != nil {
		h.error(w, r, err)
		return
	}
	form := commentForm{}
	if id, err := strconv.ParseInt(r.URL.Query().Get("replyto"), 10, 64); err == nil && id > 0 {
		form.ParentID = id
	}
	if name, email, website, ok := commenter(r); ok {
		form.Author, form.Email, form.URL, form.Remember = name, email, website, true
	}
	notice := map[string]string{"edited": "comment.edited", "deleted": "comment.deleted"}[r.URL.Query().Get("comment")]
	h.renderArticle(w, r, a, http.StatusOK, cpage, form, notice)
}

// renderArticle renders article a with its discussion at comment page
// cpage, the reply form in state form, and answers with status: 200 for
// a reader's visit, 4xx when a comment was refused and the form is shown
// again with what they typed.
func (h *handler) renderArticle(w http.ResponseWriter, r *http.Request, a *warta.Article, status, cpage int, form commentForm, notice string) {
	ctx := r.Context()
	settings, secret, err := h.commentConfig(ctx)
	if err != nil {
		h.error(w, r, err)
		return
	}
	form.ArticleID, form.CPage = a.ID, cpage
	form.Token = comments.NewFormToken(a.ID, h.Now()).Sign(secret)
	sec, err := h.commentSection(r, a, settings, secret, cpage, form)
	if err != nil {
		h.error(w, r, err)
		return
	}
	sec.Notice = notice
	description := a.Dek
	if description == "" {
		description = a.Headline
	}
	p, err := h.page(ctx, a.Headline, description, a.Permalink(h.Location), a.Section.Slug)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.articleMeta(&p, a)
	corrections, err := h.Store.Corrections(ctx, a.ID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	// Related articles are a suggestion: without them the article is
	// still worth showing, so a failure is logged, not shown.
	related, err := h.Store.Related(ctx, a, relatedCount)
	if err != nil {
		h.Logger.WarnContext(ctx, "related articles", "article", a.ID, "err", err)
	}
	b, err := h.Views.Render("site/article", articlePage{
		Page:        p,
		Article:     a,
		Body:        template.HTML(a.BodyHTML), // sanitised by package markdown on save
		Updated:     !a.RevisedAt.IsZero() && a.RevisedAt.After(a.PublishedAt),
		Corrections: corrections,
		Comments:    sec,
		Related:     related,
	})
	if err != nil {
		h.error(w, r, err)
		return
	}
	// A reader with their own comments or remembered details, or in the
	// middle of replying or editing, gets a page of their own. Everyone
	// else gets the same page: its form token is per render, not per
	// reader (the nonce is made per person when the comment is posted),
	// and valid for a day, which the page cache's age ceiling respects.
	// It has no Last-Modified: the discussion changes when a comment is
	// approved or removed, which the article's own date does not show.
	if status == http.StatusOK && !personal(r) && r.Method != http.MethodPost {
		h.share(w, r, append(articleTags(related), warta.ArticleTag(a.ID))...)
		h.expireWhenCommentsClose(r, a, settings)
	} else {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	respondHTML(w, r, status, b, time.Time{})
}
