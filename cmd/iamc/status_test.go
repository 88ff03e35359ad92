package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A status line appears once its delay has passed, names the stage and the
// time taken, and is cleared when the work ends.
func TestStatusLine(t *testing.T) {
	var w lockedBuffer
	st := newStatus(&w, "build", "validating", true, 0)
	for !strings.Contains(w.String(), "validating") {
		time.Sleep(10 * time.Millisecond) // the test's deadline bounds the wait
	}
	st.Stop()
	st.Stop() // a second Stop does nothing
	out := w.String()
	assert.True(t, strings.HasPrefix(out, "\r\x1b[Kbuild: validating ("), "%q", out)
	assert.True(t, strings.HasSuffix(out, " s)\r\x1b[K"), "%q", out)
	assert.NotContains(t, strings.TrimSuffix(out, "\r\x1b[K"), "\r\x1b[K\r\x1b[K", "cleared once: %q", out)
}

// Work that ends before the delay prints nothing; off a terminal there is no
// status at all.
func TestStatusLineQuiet(t *testing.T) {
	var w lockedBuffer
	st := newStatus(&w, "build", "reading the project", true, time.Hour)
	st.Set("validating")
	st.Stop()
	assert.Empty(t, w.String())

	var none *status = newStatus(&w, "build", "validating", false, 0)
	assert.Nil(t, none)
	none.Set("validating")
	none.Stop()
	assert.Empty(t, w.String())
}
