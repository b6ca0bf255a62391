// Package comments is the pure machinery of reader comments: turning what a
// reader typed into safe HTML (Format), counting its links (CountLinks),
// signing and checking the comment form (FormToken, Sign, Verify), making
// avatars (AvatarKey, Identicon), deciding a new comment's status
// (Moderate) and placing a reply in a thread that may nest no deeper
// (AttachDepth).
//
// Everything here works without a third party. Warta sends nothing about
// its readers elsewhere: there is no CAPTCHA service (a signed form token
// with a minimum and maximum age, plus a nonce the database keeps unique,
// stops most robots and every double post), no Gravatar (avatars are drawn
// here from a keyed hash of the email, which tells nobody the address), and
// no Akismet (moderation follows WordPress's local rules: disallowed and
// moderation keys, a link limit, holding first-time commenters).
//
// Submit applies the rules every way in shares (the comment form, the API,
// the WordPress-compatible API) in the order they must run, against a small
// Store interface; it handles no HTTP requests itself, and only suggests
// the status for each refusal.
package comments
