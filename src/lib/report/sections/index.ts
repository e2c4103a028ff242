/** Registers the built-in chapters and profile blocks (import for the side effect). Add yours here. */
import './front';
import './method';
import './maps';
import './tables';
import './analysis';
import './profile';
import './workshop';
import './services';
import './levels';
