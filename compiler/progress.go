package compiler

import "context"

// The stages of a build, in order, as a progress function hears them.
const (
	StageLoad     = "reading the project"
	StageValidate = "validating"
	StageLower    = "compiling the policies"
	StageEncode   = "encoding the model"
)

type progressKey struct{}

// WithProgress returns a context under which BuildContext reports each
// stage it enters to fn, from the goroutine that does the work: a command
// shows it on a status line while a large project builds.
func WithProgress(ctx context.Context, fn func(stage string)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// stage tells ctx's progress function, if any, that a stage begins.
func stage(ctx context.Context, name string) {
	if fn, ok := ctx.Value(progressKey{}).(func(string)); ok && fn != nil {
		fn(name)
	}
}
