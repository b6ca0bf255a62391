// Warta reader comments: a small improvement, never a requirement. Without
// this script a "Reply" link reloads the page with ?replyto=ID and the
// form says whom it answers; with it, the form moves under that comment
// at once. Everything else (posting, errors) works the same either way.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  var form = respond && respond.querySelector("form.comment-form");
  if (!form) return;
  var parent = form.querySelector("#parent_id");
  var title = respond.querySelector("#reply-title");
  var home = document.createComment("respond");
  respond.parentNode.insertBefore(home, respond);
  var heading = title.firstChild.nodeValue;

  function cancelLink(text) {
    var a = document.createElement("a");
    a.href = "#respond";
    a.id = "cancel-reply";
    a.textContent = text;
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      home.parentNode.insertBefore(respond, home.nextSibling);
      parent.value = "0";
      title.textContent = heading;
      form.querySelector("#comment").focus();
    });
    return a;
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.comment-reply");
    if (!link) return;
    var li = document.getElementById("comment-" + link.getAttribute("data-reply-to"));
    if (!li) return;
    ev.preventDefault();
    var body = li.querySelector(".comment-body");
    body.parentNode.insertBefore(respond, body.nextSibling);
    parent.value = link.getAttribute("data-reply-to");
    var name = li.querySelector(".comment-author").textContent.trim();
    var labels = respond.dataset;
    title.textContent = heading + " ";
    var small = document.createElement("small");
    small.className = "replying-to";
    small.textContent = (labels.replyingTo || "").replace("%s", name) + " · ";
    small.appendChild(cancelLink(labels.cancel || "×"));
    title.appendChild(small);
    form.querySelector("#comment").focus();
  });
})();
