package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/auth"
	"warta/pagecache"
	"warta/sqlite"
)

// TestAPI runs the REST API through run(): public reads beside the page
// cache, a token made in the database as the profile page makes it, a
// draft written and published with it, and CORS from the flag.
func TestAPI(t *testing.T) {
	dir := t.TempDir()
	s := MustServe(t, "--data", dir, "--demo", "--api-cors-origins", "https://app.contoh.id")
	st, err := sqlite.Open(context.Background(), dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	editor := &warta.User{Email: "redaktur@contoh.id", Name: "Redaktur Uji", Role: warta.RoleEditor}
	if err := st.CreateUser(ctx, editor); err != nil {
		t.Fatal(err)
	}
	token, prefix, hash := auth.NewAPIToken()
	if err := st.CreateAPIToken(ctx, &warta.APIToken{UserID: editor.ID, Name: "uji", Prefix: prefix, Hash: hash}); err != nil {
		t.Fatal(err)
	}

	call := func(method, path, token, body string, header ...string) (*http.Response, map[string]any) {
		t.Helper()
		req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		var out map[string]any
		if len(b) > 0 {
			if err := json.Unmarshal(b, &out); err != nil {
				t.Fatalf("%s %s: not JSON: %s", method, path, b)
			}
		}
		return res, out
	}

	res, list := call("GET", "/api/v1/articles?limit=2", "", "")
	if res.StatusCode != 200 || len(list["items"].([]any)) != 2 || list["next"] == nil {
		t.Fatalf("public list = %d %v", res.StatusCode, list)
	}
	for i := 0; i < 2; i++ {
		res, _ = call("GET", "/api/v1/articles?limit=2", token, "")
		if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "no-store" || res.Header.Get(pagecache.StatusHeader) != "" {
			t.Errorf("with a token: %d, Cache-Control %q, %s %q; want no-store and no page cache",
				res.StatusCode, res.Header.Get("Cache-Control"), pagecache.StatusHeader, res.Header.Get(pagecache.StatusHeader))
		}
	}
	res, _ = call("GET", "/api/v1/openapi.json", "", "")
	if res.StatusCode != 200 {
		t.Errorf("openapi.json = %d", res.StatusCode)
	}
	res, _ = call("GET", "/api/v1/articles", "wrt_"+strings.Repeat("A", 43), "")
	if res.StatusCode != 401 {
		t.Errorf("unknown token = %d, want 401", res.StatusCode)
	}

	_, sections := call("GET", "/api/v1/sections", "", "")
	section := sections["items"].([]any)[0].(map[string]any)["id"].(float64)
	res, created := call("POST", "/api/v1/articles", token, `{"headline": "Uji API ujung ke ujung", "body_markdown": "Isi.", "section_id": `+ftoa(section)+`}`)
	if res.StatusCode != 201 || created["status"] != "draft" {
		t.Fatalf("create = %d %v", res.StatusCode, created)
	}
	path := "/api/v1/articles/" + ftoa(created["id"].(float64))
	if res, _ = call("GET", path, "", ""); res.StatusCode != 404 {
		t.Errorf("the draft answers %d to the public, want 404", res.StatusCode)
	}
	if res, _ = call("POST", path+"/publish", token, ""); res.StatusCode != 200 {
		t.Fatalf("publish = %d", res.StatusCode)
	}
	res, pub := call("GET", path, "", "")
	if res.StatusCode != 200 || pub["status"] != "published" {
		t.Fatalf("published article = %d %v", res.StatusCode, pub)
	}
	// The article page is on the site too.
	page, body := get(t, pub["url"].(string))
	if page.StatusCode != 200 || !strings.Contains(body, "Uji API ujung ke ujung") {
		t.Errorf("article page %s = %d", pub["url"], page.StatusCode)
	}

	res, _ = call("OPTIONS", "/api/v1/articles", "", "", "Origin", "https://app.contoh.id", "Access-Control-Request-Method", "POST")
	if res.StatusCode != 204 || res.Header.Get("Access-Control-Allow-Origin") != "https://app.contoh.id" {
		t.Errorf("preflight = %d %v", res.StatusCode, res.Header)
	}
}

// ftoa writes a JSON number that holds an ID.
func ftoa(f float64) string { return strconv.FormatInt(int64(f), 10) }

func TestAPIOriginsFlag(t *testing.T) {
	for _, bad := range []string{"app.contoh.id", "https://app.contoh.id/", "https://app.contoh.id/path", "ftp://x.id"} {
		var stderr bytes.Buffer
		code := run(context.Background(), []string{"warta", "serve", "--data", t.TempDir(), "--api-cors-origins", bad}, noEnv, nil, io.Discard, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "--api-cors-origins") {
			t.Errorf("%q: exit %d, stderr %q", bad, code, stderr.String())
		}
	}
}
