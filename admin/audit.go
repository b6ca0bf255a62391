package admin

import (
	"net/http"
	"strconv"

	"warta"
)

// auditPageSize is how many audit entries a page shows.
const auditPageSize = 50

// auditPage is the data of the audit log.
type auditPage struct {
	page
	Entries []*warta.AuditEntry
	Total   int
	Pages   int
	PageNum int
	PrevURL string
	NextURL string
}

// showAudit lists the audit log, newest first.
//
// GET /admin/audit?page=N
func (h *handler) showAudit(w http.ResponseWriter, r *http.Request) {
	p := auditPage{page: h.newPage(r, h.cat.T("admin.audit.title"), "audit")}
	p.PageNum, _ = strconv.Atoi(r.URL.Query().Get("page"))
	p.PageNum = max(1, min(p.PageNum, 100000))
	entries, total, err := h.Store.AuditLog(r.Context(), (p.PageNum-1)*auditPageSize, auditPageSize)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Entries, p.Total = entries, total
	p.Pages = max(1, (total+auditPageSize-1)/auditPageSize)
	if p.PageNum > 1 {
		p.PrevURL = "/admin/audit?page=" + itoa(p.PageNum-1)
	}
	if p.PageNum < p.Pages {
		p.NextURL = "/admin/audit?page=" + itoa(p.PageNum+1)
	}
	h.render(w, r, http.StatusOK, "admin/audit", p)
}
