package admin

import (
	"net/http"

	"warta"
	"warta/route"
)

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
	mux.HandleFunc("POST /admin/articles/{id}/delete", h.requireCap(warta.CapDeleteArticles, h.deleteArticle))
	mux.HandleFunc("GET /admin/articles/{id}/revisions", h.requireUser(h.showRevisions))
	mux.HandleFunc("POST /admin/articles/{id}/revisions/{n}/restore", h.requireUser(h.restoreRevision))
	mux.HandleFunc("POST /admin/articles/{id}/corrections", h.requireCap(warta.CapAddCorrections, h.addCorrection))

	// Media library, comment moderation, users, profile, settings, audit log.
	// A whole screen's capability is checked here, by requireCap, so this
	// list shows who may open what. (Screens added later register here too.)

	mux.HandleFunc("GET /admin/media", h.requireUser(h.listMedia))
	mux.HandleFunc("POST /admin/media", h.requireCap(warta.CapUploadMedia, h.uploadMedia))
	mux.HandleFunc("GET /admin/media/{id}", h.requireUser(h.showMedia))
	mux.HandleFunc("POST /admin/media/{id}", h.requireCap(warta.CapUploadMedia, h.saveMedia))
	mux.HandleFunc("GET /admin/settings", h.requireCap(warta.CapManageSettings, h.showSettings))
	mux.HandleFunc("POST /admin/settings", h.requireCap(warta.CapManageSettings, h.saveSettings))
	// Sections and tags (taxonomy.go).
	mux.HandleFunc("GET /admin/taxonomy", h.requireCap(warta.CapManageTaxonomy, h.showTaxonomy))
	mux.HandleFunc("POST /admin/sections", h.requireCap(warta.CapManageTaxonomy, h.addSection))
	mux.HandleFunc("GET /admin/sections/{id}", h.requireCap(warta.CapManageTaxonomy, h.editSection))
	mux.HandleFunc("POST /admin/sections/{id}", h.requireCap(warta.CapManageTaxonomy, h.saveSection))
	mux.HandleFunc("POST /admin/tags", h.requireCap(warta.CapManageTaxonomy, h.addTag))
	mux.HandleFunc("GET /admin/tags/{id}", h.requireCap(warta.CapManageTaxonomy, h.editTag))
	mux.HandleFunc("POST /admin/tags/{id}", h.requireCap(warta.CapManageTaxonomy, h.saveTag))
	// Standing pages and the footer menu (page.go): the sections' capability.
	mux.HandleFunc("GET /admin/pages", h.requireCap(warta.CapManageTaxonomy, h.listPages))
	mux.HandleFunc("GET /admin/pages/new", h.requireCap(warta.CapManageTaxonomy, h.newPageForm))
	mux.HandleFunc("POST /admin/pages", h.requireCap(warta.CapManageTaxonomy, h.savePage))
	mux.HandleFunc("GET /admin/pages/menu", h.requireCap(warta.CapManageTaxonomy, h.showMenu))
	mux.HandleFunc("POST /admin/pages/menu", h.requireCap(warta.CapManageTaxonomy, h.saveMenu))
	mux.HandleFunc("GET /admin/pages/{id}", h.requireCap(warta.CapManageTaxonomy, h.editPage))
	mux.HandleFunc("POST /admin/pages/{id}", h.requireCap(warta.CapManageTaxonomy, h.savePage))
	mux.HandleFunc("GET /admin/pages/{id}/delete", h.requireCap(warta.CapManageTaxonomy, h.confirmDeletePage))
	mux.HandleFunc("POST /admin/pages/{id}/delete", h.requireCap(warta.CapManageTaxonomy, h.deletePage))

	mux.HandleFunc("GET /admin/comments", h.requireCap(warta.CapModerateComments, h.listComments))
	mux.HandleFunc("POST /admin/comments/bulk", h.requireCap(warta.CapModerateComments, h.bulkComments))
	mux.HandleFunc("GET /admin/comments/{id}", h.requireCap(warta.CapModerateComments, h.editComment))
	mux.HandleFunc("POST /admin/comments/{id}", h.requireCap(warta.CapModerateComments, h.saveComment))
	mux.HandleFunc("POST /admin/comments/{id}/reply", h.requireCap(warta.CapModerateComments, h.replyComment))
	mux.HandleFunc("GET /admin/users", h.requireCap(warta.CapManageUsers, h.listUsers))
	mux.HandleFunc("POST /admin/users", h.requireCap(warta.CapManageUsers, h.addUser))
	mux.HandleFunc("GET /admin/users/{id}", h.requireCap(warta.CapManageUsers, h.editUser))
	mux.HandleFunc("POST /admin/users/{id}", h.requireCap(warta.CapManageUsers, h.saveUser))
	mux.HandleFunc("POST /admin/users/{id}/password", h.requireCap(warta.CapManageUsers, h.resetPassword))
	mux.HandleFunc("GET /admin/profile", h.requireUser(h.editProfile))
	mux.HandleFunc("POST /admin/profile", h.requireUser(h.saveProfile))
	mux.HandleFunc("POST /admin/profile/tokens", h.requireUser(h.createAPIToken))
	mux.HandleFunc("POST /admin/profile/tokens/{id}/revoke", h.requireUser(h.revokeAPIToken))
	mux.HandleFunc("GET /admin/audit", h.requireCap(warta.CapViewAudit, h.showAudit))

	mux.HandleFunc("/admin/", h.requireUser(func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, http.StatusNotFound, "")
	}))
	return http.NewCrossOriginProtection().Handler(h.authenticate(route.Record(mux)))
}
