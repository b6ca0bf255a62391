package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3 is media storage in a bucket of an S3-compatible service (Amazon
// S3, MinIO, Ceph, Garage…), so that every Warta process sees the same
// files without a shared folder.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string // "" or "folder/" inside the bucket
	url    string // for messages, without credentials
}

var _ Storage = (*S3)(nil)

// OpenS3 connects to the bucket that raw names:
//
//	s3://BUCKET[/PREFIX]?endpoint=HOST:PORT&region=REGION[&insecure=1]
//
// endpoint defaults to s3.amazonaws.com; insecure=1 (or an endpoint
// written http://…) talks plain HTTP, for a server on the same machine.
// The keys come from getenv's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// (and AWS_SESSION_TOKEN when set), never from the URL, so that they stay
// out of process listings and logs. OpenS3 checks that the bucket exists
// and that the keys may see it.
func OpenS3(ctx context.Context, raw string, getenv func(string) string) (*S3, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, errors.New("--media must be empty (the data folder) or s3://BUCKET?endpoint=HOST:PORT&region=REGION")
	}
	if u.User != nil {
		return nil, errors.New("--media: put the S3 keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, not in the URL")
	}
	q := u.Query()
	endpoint := q.Get("endpoint")
	secure := q.Get("insecure") != "1" && q.Get("insecure") != "true"
	switch {
	case endpoint == "":
		endpoint = "s3.amazonaws.com"
	case strings.HasPrefix(endpoint, "http://"):
		endpoint, secure = strings.TrimPrefix(endpoint, "http://"), false
	case strings.HasPrefix(endpoint, "https://"):
		endpoint = strings.TrimPrefix(endpoint, "https://")
	}
	endpoint = strings.TrimSuffix(endpoint, "/")
	key, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY")
	if key == "" || secret == "" {
		return nil, errors.New("--media s3://…: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the bucket's keys")
	}
	client, err := minio.New(endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(key, secret, getenv("AWS_SESSION_TOKEN")),
		Secure: secure,
		Region: q.Get("region"),
	})
	if err != nil {
		return nil, fmt.Errorf("--media: %v", err)
	}
	s := &S3{client: client, bucket: u.Host, prefix: strings.Trim(u.Path, "/"), url: "s3://" + u.Host + u.Path}
	if s.prefix != "" {
		s.prefix += "/"
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ok, err := client.BucketExists(cctx, s.bucket)
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot reach the media bucket %s at %s (%s): check --media's endpoint and the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY keys", s.url, endpoint, s3Reason(err))
	case !ok:
		return nil, fmt.Errorf("the media bucket %s does not exist at %s: create it, or fix --media", s.bucket, endpoint)
	}
	return s, nil
}

func s3Reason(err error) string {
	if r := minio.ToErrorResponse(err); r.Code != "" {
		return r.Code
	}
	return err.Error()
}

func (s *S3) String() string { return s.url }

func (s *S3) key(name string) (string, error) {
	if !ValidName(name) {
		return "", fmt.Errorf("media: bad file name %q: %w", name, fs.ErrNotExist)
	}
	return s.prefix + name, nil
}

// notFound reports whether err is the service's "no such object".
func notFound(err error) bool {
	r := minio.ToErrorResponse(err)
	return r.Code == "NoSuchKey" || r.StatusCode == http.StatusNotFound
}

// Put uploads r unless name exists. An object appears whole or not at
// all, so readers never see half a file.
func (s *S3) Put(ctx context.Context, name string, r io.Reader, size int64) error {
	if ok, err := s.Exists(ctx, name); err != nil {
		return err
	} else if ok {
		return nil
	}
	key, err := s.key(name)
	if err != nil {
		return err
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if _, err := s.client.PutObject(ctx, s.bucket, key, r, size, minio.PutObjectOptions{ContentType: ctype}); err != nil {
		return internal("upload "+name+" to "+s.url, err)
	}
	return nil
}

type s3File struct {
	*minio.Object
	info minio.ObjectInfo
}

func (f s3File) Size() int64        { return f.info.Size }
func (f s3File) ModTime() time.Time { return f.info.LastModified }

// Open returns the object; reads and seeks fetch it in ranges from the
// service as they go, so a large file is streamed, not held in memory.
func (s *S3) Open(ctx context.Context, name string) (File, error) {
	key, err := s.key(name)
	if err != nil {
		return nil, err
	}
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, internal("open "+name, err)
	}
	info, err := obj.Stat()
	if err != nil {
		obj.Close()
		if notFound(err) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return nil, internal("open "+name+" in "+s.url, err)
	}
	return s3File{obj, info}, nil
}

func (s *S3) Exists(ctx context.Context, name string) (bool, error) {
	key, err := s.key(name)
	if err != nil {
		return false, nil
	}
	_, err = s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	switch {
	case err == nil:
		return true, nil
	case notFound(err):
		return false, nil
	}
	return false, internal("look up "+name+" in "+s.url, err)
}

// Walk lists the bucket (under the prefix); S3 lists keys in order.
func (s *S3) Walk(ctx context.Context, fn func(name string, size int64) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing when fn fails
	for obj := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if obj.Err != nil {
			return internal("list "+s.url, obj.Err)
		}
		name := strings.TrimPrefix(obj.Key, s.prefix)
		if !ValidName(name) {
			continue
		}
		if err := fn(name, obj.Size); err != nil {
			return err
		}
	}
	return ctx.Err()
}
