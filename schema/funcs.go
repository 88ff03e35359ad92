package schema

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/agext/levenshtein"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxFileSize bounds every file iamc reads: HCL sources and the files that
// file() loads.
const maxFileSize = 4 << 20

// functions returns the HCL functions available in a project file. file and
// fileexists read relative to dir (the directory of the calling file, inside
// the project) and never outside the project.
func functions(fsys fs.FS, dir string, read func(name string, src []byte), budget *evalBudget) map[string]function.Function {
	resolve := func(p string) (string, error) {
		if path.IsAbs(p) {
			return "", fmt.Errorf("file paths are relative to the file that names them; %q is absolute", p)
		}
		full := path.Clean(path.Join(dir, p))
		if !fs.ValidPath(full) {
			return "", fmt.Errorf("%q is outside the project directory", p)
		}
		return full, nil
	}
	fileFunc := function.New(&function.Spec{
		Description: "Reads a file of the project as a string.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full, err := resolve(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			src, err := readLimited(fsys, full)
			if err != nil {
				return cty.NilVal, err
			}
			if !utf8.Valid(src) {
				return cty.NilVal, fmt.Errorf("%s is not valid UTF-8", full)
			}
			if read != nil {
				read(full, src)
			}
			return cty.StringVal(string(src)), nil
		},
	})
	fileExists := function.New(&function.Spec{
		Description: "Reports whether a file of the project exists.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full, err := resolve(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			st, err := fs.Stat(fsys, full)
			return cty.BoolVal(err == nil && st.Mode().IsRegular()), nil
		},
	})
	fns := map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"coalesce":        stdlib.CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"file":            fileFunc,
		"fileexists":      fileExists,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          stdlib.FormatFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          stdlib.LengthFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"range":           stdlib.RangeFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"replace":         stdlib.ReplaceFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setunion":        stdlib.SetUnionFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"title":           stdlib.TitleFunc,
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
	guardFunctions(fns)
	if budget != nil {
		for name, fn := range fns {
			fns[name] = budget.stopAfter(fn)
		}
		fns[budgetFunc] = budget.function()
	}
	return fns
}

// readLimited reads a file of the project: a regular file of at most
// maxFileSize bytes, inside the project.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, outside(name, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("%s is %d bytes; files of a project are limited to %d bytes", name, st.Size(), maxFileSize)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, outside(name, err)
	}
	defer f.Close()
	// The file may have changed since it was looked at: read no more than
	// the limit whatever it has become.
	src, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes; files of a project are limited to %d bytes", name, maxFileSize, maxFileSize)
	}
	return src, nil
}

// outside explains the error of an os.Root refusing a link that leads out
// of the project.
func outside(name string, err error) error {
	if strings.Contains(err.Error(), "path escapes from parent") {
		return fmt.Errorf("%s is a symbolic link that leads outside the project directory; iamc reads nothing outside it", name)
	}
	return err
}

// nameSuggestion returns the name of suggestions closest to given, if one is
// close enough to be a likely typo, or "".
func nameSuggestion(given string, suggestions []string) string {
	best, bestDist := "", 3
	for _, s := range suggestions {
		d := levenshtein.Distance(given, s, nil)
		if d < bestDist {
			best, bestDist = s, d
		}
	}
	return best
}
