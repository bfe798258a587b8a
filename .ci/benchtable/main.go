// Command benchtable reads `go test -bench` output on stdin and prints one
// table: operation, size, time per operation, memory per operation,
// allocations, and any custom metrics the benchmark reported.
//
// Benchmarks name their size as a sub-benchmark: BenchmarkCreate/n=10000.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"
)

var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

func main() {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(w, "operation\tsize\ttime/op\tmemory/op\tallocs/op\tother\t")
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	pkg, failed := "", false
	for sc.Scan() {
		text := sc.Text()
		if strings.HasPrefix(text, "pkg: ") {
			pkg = strings.TrimPrefix(text, "pkg: ")
			pkg = pkg[strings.LastIndex(pkg, "/")+1:]
		}
		if strings.HasPrefix(text, "FAIL") || strings.HasPrefix(text, "--- FAIL") {
			failed = true
			fmt.Fprintln(os.Stderr, text)
		}
		m := line.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		name := strings.TrimPrefix(m[1], "Benchmark")
		op, size := name, ""
		if i := strings.Index(name, "/"); i >= 0 {
			op, size = name[:i], name[i+1:]
			size = strings.TrimPrefix(size, "n=")
		}
		if pkg != "" {
			op = pkg + "." + op
		}
		f := strings.Fields(m[3])
		var t, mem, allocs string
		var other []string
		for i := 0; i+1 < len(f); i += 2 {
			v, unit := f[i], f[i+1]
			switch unit {
			case "ns/op":
				t = human(v)
			case "B/op":
				mem = bytesHuman(v)
			case "allocs/op":
				allocs = v
			default:
				other = append(other, v+" "+unit)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t\n", op, size, t, mem, allocs, strings.Join(other, ", "))
	}
	w.Flush()
	if failed {
		os.Exit(1)
	}
}

func human(ns string) string {
	var f float64
	fmt.Sscan(ns, &f)
	return time.Duration(f).Round(time.Microsecond).String()
}

func bytesHuman(b string) string {
	var f float64
	fmt.Sscan(b, &f)
	switch {
	case f >= 1<<30:
		return fmt.Sprintf("%.2f GiB", f/(1<<30))
	case f >= 1<<20:
		return fmt.Sprintf("%.1f MiB", f/(1<<20))
	case f >= 1<<10:
		return fmt.Sprintf("%.1f KiB", f/(1<<10))
	}
	return fmt.Sprintf("%.0f B", f)
}
