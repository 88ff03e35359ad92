package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// statusDelay is how long work runs before its status line appears: a
// quick command prints nothing more than its result.
const statusDelay = time.Second

// status shows, on one rewritten line of a terminal, the stage a long
// command is in and the time it has taken, from statusDelay on, and clears
// the line when the work ends. A nil *status (off a terminal, or --quiet)
// does nothing.
type status struct {
	w       io.Writer
	command string
	start   time.Time
	mu      sync.Mutex
	stage   string
	shown   bool
	stop    chan struct{}
	stopped chan struct{}
}

// newStatus starts a status line on w, in its first stage, when show is
// true, else returns nil.
func newStatus(w io.Writer, command, stage string, show bool, delay time.Duration) *status {
	if !show {
		return nil
	}
	s := &status{w: w, command: command, stage: stage, start: time.Now(), stop: make(chan struct{}), stopped: make(chan struct{})}
	go s.run(delay)
	return s
}

func (s *status) run(delay time.Duration) {
	defer close(s.stopped)
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-s.stop:
		return
	case <-timer.C:
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		s.draw()
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
	}
}

func (s *status) draw() {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "\r\033[K%s: %s (%.0f s)", s.command, s.stage, time.Since(s.start).Seconds())
	s.shown = true
}

// Set names the stage the work is in.
func (s *status) Set(stage string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.stage = stage
	s.mu.Unlock()
}

// Stop ends the status line and clears it; it may be called again.
func (s *status) Stop() {
	if s == nil {
		return
	}
	select {
	case <-s.stop:
		return
	default:
		close(s.stop)
	}
	<-s.stopped
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shown {
		fmt.Fprint(s.w, "\r\033[K")
	}
}
