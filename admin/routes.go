package admin

import "net/http"

// routes lists every page of the newsroom. All of it sits behind the
// session check and cross-origin protection: a form on another site can
// never make a logged-in editor's browser change anything here.
func routes(h *handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/login", h.showLogin)
	mux.HandleFunc("POST /admin/login", h.login)
	mux.HandleFunc("POST /admin/logout", h.logout)
	mux.HandleFunc("POST /admin/logout-everywhere", h.requireUser(h.logoutEverywhere))
	mux.HandleFunc("GET /preview/{token}", h.showPreview)

	mux.HandleFunc("GET /admin/{$}", h.requireUser(h.showDashboard))

	mux.HandleFunc("GET /admin/articles", h.requireUser(h.listArticles))
	mux.HandleFunc("GET /admin/articles/new", h.requireUser(h.newArticle))
	mux.HandleFunc("POST /admin/articles", h.requireUser(h.saveArticle))
	mux.HandleFunc("GET /admin/articles/{id}", h.requireUser(h.editArticle))
	mux.HandleFunc("POST /admin/articles/{id}", h.requireUser(h.saveArticle))
	mux.HandleFunc("POST /admin/articles/{id}/delete", h.requireUser(h.deleteArticle))
	mux.HandleFunc("GET /admin/articles/{id}/revisions", h.requireUser(h.showRevisions))
	mux.HandleFunc("POST /admin/articles/{id}/revisions/{n}/restore", h.requireUser(h.restoreRevision))
	mux.HandleFunc("POST /admin/articles/{id}/corrections", h.requireUser(h.addCorrection))

	// Media library, comment moderation, users, profile, settings, audit log.
	// (Screens added later register here too, so this stays the one list.)

	mux.HandleFunc("GET /admin/media", h.requireUser(h.listMedia))
	mux.HandleFunc("POST /admin/media", h.requireUser(h.uploadMedia))
	mux.HandleFunc("GET /admin/media/{id}", h.requireUser(h.showMedia))
	mux.HandleFunc("POST /admin/media/{id}", h.requireUser(h.saveMedia))
	mux.HandleFunc("GET /admin/settings", h.requireUser(h.showSettings))
	mux.HandleFunc("POST /admin/settings", h.requireUser(h.saveSettings))
	// Sections and tags (taxonomy.go).
	mux.HandleFunc("GET /admin/taxonomy", h.requireUser(h.showTaxonomy))
	mux.HandleFunc("POST /admin/sections", h.requireUser(h.addSection))
	mux.HandleFunc("GET /admin/sections/{id}", h.requireUser(h.editSection))
	mux.HandleFunc("POST /admin/sections/{id}", h.requireUser(h.saveSection))
	mux.HandleFunc("POST /admin/tags", h.requireUser(h.addTag))
	mux.HandleFunc("GET /admin/tags/{id}", h.requireUser(h.editTag))
	mux.HandleFunc("POST /admin/tags/{id}", h.requireUser(h.saveTag))

	mux.HandleFunc("GET /admin/comments", h.requireUser(h.listComments))
	mux.HandleFunc("POST /admin/comments/bulk", h.requireUser(h.bulkComments))
	mux.HandleFunc("GET /admin/comments/{id}", h.requireUser(h.editComment))
	mux.HandleFunc("POST /admin/comments/{id}", h.requireUser(h.saveComment))
	mux.HandleFunc("POST /admin/comments/{id}/reply", h.requireUser(h.replyComment))
	mux.HandleFunc("GET /admin/users", h.requireUser(h.listUsers))
	mux.HandleFunc("POST /admin/users", h.requireUser(h.addUser))
	mux.HandleFunc("GET /admin/users/{id}", h.requireUser(h.editUser))
	mux.HandleFunc("POST /admin/users/{id}", h.requireUser(h.saveUser))
	mux.HandleFunc("POST /admin/users/{id}/password", h.requireUser(h.resetPassword))
	mux.HandleFunc("GET /admin/profile", h.requireUser(h.editProfile))
	mux.HandleFunc("POST /admin/profile", h.requireUser(h.saveProfile))
	mux.HandleFunc("GET /admin/audit", h.requireUser(h.showAudit))

	mux.HandleFunc("/admin/", h.requireUser(func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, http.StatusNotFound, "")
	}))
	return http.NewCrossOriginProtection().Handler(h.authenticate(mux))
}
