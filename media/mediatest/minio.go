// Package mediatest starts a real S3-compatible server (MinIO) for tests
// of the media storage, once per test binary, and gives each test a
// bucket of its own.
//
// The server binary is found on PATH ("minio"), in $WARTA_MINIO, or in
// the user's cache folder (warta-test/bin/minio), where it is built with
// "go install github.com/minio/minio@latest" when WARTA_REQUIRE_S3=1 or
// WARTA_BUILD_MINIO=1 (the build takes many minutes, so a plain
// "go test ./..." does not start one). Without a binary the tests skip
// and say how to get one; with WARTA_REQUIRE_S3=1 they fail instead.
//
// A package whose tests call S3 must call Main from TestMain.
package mediatest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Environment variables.
const (
	EnvRequireS3  = "WARTA_REQUIRE_S3"  // 1: fail instead of skipping without MinIO
	EnvBuildMinIO = "WARTA_BUILD_MINIO" // 1: build MinIO into the cache when absent
	EnvMinIO      = "WARTA_MINIO"       // path of a minio binary to use
)

// The keys of the test server.
const (
	AccessKey = "wartatest"
	SecretKey = "wartatest-secret-key"
)

var server struct {
	once     sync.Once
	endpoint string // host:port
	skip     string
	err      error
	cmd      *exec.Cmd
	exited   chan struct{} // closed when cmd has exited
	dir      string
	n        atomic.Int64
}

// S3 returns the --media URL of a new, empty bucket on the test server,
// and a getenv that carries its keys (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY) and otherwise answers "".
func S3(tb testing.TB) (mediaURL string, getenv func(string) string) {
	tb.Helper()
	server.once.Do(start)
	switch {
	case server.err != nil && os.Getenv(EnvRequireS3) == "1":
		tb.Fatalf("MinIO: %v (%s=1)", server.err, EnvRequireS3)
	case server.err != nil:
		tb.Skipf("MinIO: %v", server.err)
	case server.skip != "" && os.Getenv(EnvRequireS3) == "1":
		tb.Fatalf("%s (%s=1)", server.skip, EnvRequireS3)
	case server.skip != "":
		tb.Skip(server.skip)
	}
	bucket := fmt.Sprintf("warta-test-%d-%d", os.Getpid(), server.n.Add(1))
	c := Client(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
		tb.Fatalf("make bucket %s: %v", bucket, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		objs := c.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true})
		for e := range c.RemoveObjects(ctx, bucket, objs, minio.RemoveObjectsOptions{}) {
			tb.Logf("remove from %s: %v", bucket, e.Err)
		}
		c.RemoveBucket(ctx, bucket)
	})
	return "s3://" + bucket + "?endpoint=http://" + server.endpoint + "&region=us-east-1", Getenv
}

// Getenv answers the test server's keys, and "" for anything else.
func Getenv(name string) string {
	switch name {
	case "AWS_ACCESS_KEY_ID":
		return AccessKey
	case "AWS_SECRET_ACCESS_KEY":
		return SecretKey
	}
	return ""
}

// Client returns a client of the test server, for checking what a test
// stored. Call it after S3.
func Client(tb testing.TB) *minio.Client {
	tb.Helper()
	c, err := minio.New(server.endpoint, &minio.Options{Creds: credentials.NewStaticV4(AccessKey, SecretKey, ""), Region: "us-east-1"})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// Main runs the tests and stops the server.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the server, if one was started, and removes its files.
func Stop() {
	if server.cmd != nil {
		server.cmd.Process.Kill()
		<-server.exited
		server.cmd = nil
	}
	if server.dir != "" {
		os.RemoveAll(server.dir)
	}
}

// binary finds or builds minio.
func binary() (string, error) {
	if p := os.Getenv(EnvMinIO); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(cache, "warta-test", "bin")
	p := filepath.Join(bin, "minio")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	if os.Getenv(EnvRequireS3) != "1" && os.Getenv(EnvBuildMinIO) != "1" {
		return "", nil
	}
	cmd := exec.Command("go", "install", "github.com/minio/minio@latest")
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build MinIO with go install: %v\n%s", err, out)
	}
	return p, nil
}

func start() {
	bin, err := binary()
	if err != nil {
		server.err = err
		return
	}
	if bin == "" {
		cache, _ := os.UserCacheDir()
		server.skip = fmt.Sprintf("MinIO not found: put minio on PATH, set %s, or build it once (many minutes) with GOBIN=%s go install github.com/minio/minio@latest, or run with %s=1",
			EnvMinIO, filepath.Join(cache, "warta-test", "bin"), EnvBuildMinIO)
		return
	}
	for range 3 { // a port may be taken between choosing and binding it
		if server.err = run(bin); server.err == nil {
			return
		}
	}
}

func run(bin string) error {
	dir, err := os.MkdirTemp("", "warta-minio-")
	if err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	console, err := freePort()
	if err != nil {
		return err
	}
	endpoint := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.Command(bin, "server", filepath.Join(dir, "data"), "--quiet",
		"--address", endpoint, "--console-address", net.JoinHostPort("127.0.0.1", strconv.Itoa(console)))
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+AccessKey, "MINIO_ROOT_PASSWORD="+SecretKey,
		"MINIO_BROWSER=off", "MINIO_UPDATE=off", "MINIO_CI_CD=1")
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-exited:
			os.RemoveAll(dir)
			return fmt.Errorf("minio exited at start:\n%s", log.String())
		default:
		}
		res, err := http.Get("http://" + endpoint + "/minio/health/live")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-exited
			os.RemoveAll(dir)
			return errors.New("minio did not answer within 60 s:\n" + log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	server.endpoint, server.dir, server.cmd, server.exited = endpoint, dir, cmd, exited
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
