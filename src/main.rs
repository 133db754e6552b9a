fn main() {
    hirlap::start();
}
