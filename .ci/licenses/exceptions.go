package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// exceptionsFile lists the modules whose copyleft licence was found and
// knowingly let through for now, one per line: module path, licence as
// classify names it, and why. The list is meant to be empty.
const exceptionsFile = ".ci/licenses/exceptions.txt"

func readExceptions(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return map[string]string{}, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			return nil, fmt.Errorf("%s:%d: 每行应是“模块 许可证 原因”", path, n)
		}
		out[fields[0]] = fields[1]
	}
	return out, sc.Err()
}
