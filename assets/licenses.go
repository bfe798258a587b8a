package assets

import (
	_ "embed"
	"encoding/json"
)

// License is one entry of the licences of the software linked into the
// program: a Go module (or the Go toolchain's standard library and runtime)
// with its version, its licences as SPDX identifiers ("+"-joined when
// several) and the texts of its licence files.
type License struct {
	Path    string        `json:"path"`
	Version string        `json:"version,omitempty"`
	License string        `json:"license"`
	Files   []LicenseFile `json:"files"`
}

// LicenseFile is one licence file of a module, by its path in the module.
type LicenseFile struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// licensesJSON is written by .ci/licenses from the module list (make
// licenses); TestLicensesAreCurrent fails when it is stale against go.mod.
//
//go:embed licenses.json
var licensesJSON []byte

// Licenses returns the licences of the Go toolchain and of every module
// linked into the program (on Linux or Windows), sorted by module path after
// the toolchain. The bundled fonts' licence is FontLicense.
func Licenses() []License {
	var out []License
	if err := json.Unmarshal(licensesJSON, &out); err != nil {
		panic("assets: licenses.json: " + err.Error()) // generated and tested: a build error
	}
	return out
}
