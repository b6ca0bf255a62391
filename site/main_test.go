package site_test

import (
	"testing"

	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }
