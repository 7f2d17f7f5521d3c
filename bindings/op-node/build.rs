//! Link flags a Node-API addon needs on each platform (undefined `napi_*` symbols resolved by node).

fn main() {
    napi_build::setup();
}
