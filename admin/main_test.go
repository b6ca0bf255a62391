package admin_test

import (
	"testing"

	"warta/storetest"
)

// TestMain stops the throw-away PostgreSQL cluster the tests start.
func TestMain(m *testing.M) { storetest.Main(m) }
