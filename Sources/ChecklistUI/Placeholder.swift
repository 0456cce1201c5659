import Foundation
enum Placeholder {}
