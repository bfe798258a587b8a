package assets

// Version is the program's version. Release builds set it from git describe
// (make build, make dist: -ldflags "-X taizhang/assets.Version=…", see
// .ci/dist/version); a plain go build leaves "开发版".
var Version = "开发版"

// BuildDate is when the program was built (UTC, 2006-01-02T15:04:05Z), set
// like Version; empty in a plain go build.
var BuildDate = ""
